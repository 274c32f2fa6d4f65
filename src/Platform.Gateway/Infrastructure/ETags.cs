using System.Globalization;
using Microsoft.Net.Http.Headers;
using Platform.Domain.Hierarchy;

namespace Platform.Gateway.Infrastructure;

/// <summary>Revisions as strong ETags, and the If-Match header read back into one.</summary>
internal static class ETags
{
    public static string Of(int revision) => $"\"{revision.ToString(CultureInfo.InvariantCulture)}\"";

    /// <summary>The revision the caller read, null when it sent no If-Match, or the field error for a malformed one.</summary>
    public static (int? Revision, FieldError? Error) IfMatch(HttpRequest request)
    {
        if (request.Headers.IfMatch.Count == 0)
        {
            return (null, null);
        }

        return EntityTagHeaderValue.TryParse(request.Headers.IfMatch.ToString(), out var tag)
            && !tag.IsWeak
            && int.TryParse(tag.Tag.AsSpan().Trim('"'), NumberStyles.None, CultureInfo.InvariantCulture, out var revision)
            ? (revision, null)
            : (null, new FieldError("If-Match", "must be the ETag you read, e.g. \"3\""));
    }
}
