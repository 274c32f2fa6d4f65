using System.Net;
using System.Net.Http.Headers;
using System.Text;

namespace Platform.Gateway.Tests.Hostility;

/// <summary>A body of <see cref="Length"/> bytes, a prefix and then padding, streamed so the test never holds it whole.</summary>
internal sealed class PaddedContent : HttpContent
{
    private readonly byte[] _prefix;
    private readonly byte _padding;

    public PaddedContent(string prefix, long length, string mediaType, char padding = 'a')
    {
        _prefix = Encoding.UTF8.GetBytes(prefix);
        _padding = (byte)padding;
        Length = length;
        Headers.ContentType = MediaTypeHeaderValue.Parse(mediaType);
    }

    public long Length { get; }

    protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context)
    {
        await stream.WriteAsync(_prefix);
        var chunk = new byte[64 * 1024];
        Array.Fill(chunk, _padding);
        for (var left = Length - _prefix.Length; left > 0; left -= chunk.Length)
        {
            await stream.WriteAsync(chunk.AsMemory(0, (int)Math.Min(chunk.Length, left)));
        }
    }

    protected override bool TryComputeLength(out long length)
    {
        length = Length;
        return true;
    }
}
