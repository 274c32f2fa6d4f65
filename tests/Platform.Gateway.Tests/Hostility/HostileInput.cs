using System.Net.Http.Headers;

namespace Platform.Gateway.Tests.Hostility;

/// <summary>One attack on a route: a body (made fresh for every send), and optionally other headers or another path.</summary>
internal sealed record HostileInput(string Name, Func<HttpContent?> Body)
{
    /// <summary>Replaces the If-Match the route would otherwise send.</summary>
    public string? IfMatch { get; init; }

    /// <summary>Replaces the route's path, for hostile route values.</summary>
    public string? Path { get; init; }

    /// <summary>
    /// Sends <c>Expect: 100-continue</c>, so a server that refuses the body for its declared length says so before the
    /// body is sent, instead of closing the connection under a client still writing it.
    /// </summary>
    public bool ExpectContinue { get; init; }

    /// <summary>Kestrel refuses the request line itself (a NUL in the path) before any application code runs, with a bare 400.</summary>
    public bool RefusedBeforeTheApplication { get; init; }

    public static HostileInput Json(string name, byte[] bytes, string mediaType = "application/json") => new(name, () =>
    {
        var content = new ByteArrayContent(bytes);
        content.Headers.ContentType = MediaTypeHeaderValue.Parse(mediaType);
        return content;
    });

    public static HostileInput Csv(string name, byte[] bytes) => Json(name, bytes, "text/csv");
}
