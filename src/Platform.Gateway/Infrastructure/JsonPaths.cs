using System.Text;

namespace Platform.Gateway.Infrastructure;

/// <summary>Turns System.Text.Json's path of a failure into the field name the API uses everywhere else.</summary>
internal static class JsonPaths
{
    /// <summary><c>$.scores['1.1']</c> → <c>scores.1.1</c>; <c>$.dimensions[0].name</c> → <c>dimensions[0].name</c>; the root → <c>body</c>.</summary>
    public static string ToField(string? path)
    {
        var field = new StringBuilder();
        var i = path is { Length: > 0 } && path[0] == '$' ? 1 : 0;
        while (path is not null && i < path.Length)
        {
            if (path[i] == '.')
            {
                var end = path.IndexOfAny(['.', '['], i + 1);
                end = end < 0 ? path.Length : end;
                field.Append('.').Append(path, i + 1, end - i - 1);
                i = end;
            }
            else if (path.AsSpan(i).StartsWith("['", StringComparison.Ordinal))
            {
                var end = path.IndexOf("']", i + 2, StringComparison.Ordinal);
                end = end < 0 ? path.Length : end;
                field.Append('.').Append(path, i + 2, end - i - 2);
                i = Math.Min(path.Length, end + 2);
            }
            else if (path[i] == '[')
            {
                var end = path.IndexOf(']', i);
                end = end < 0 ? path.Length - 1 : end;
                field.Append(path, i, end - i + 1);
                i = end + 1;
            }
            else
            {
                field.Append(path[i++]);
            }
        }

        var name = field.ToString().TrimStart('.');
        return name.Length == 0 ? "body" : name;
    }
}
