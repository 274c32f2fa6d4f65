using System.Text;

namespace Platform.Gateway.Imports;

/// <summary>
/// Reads RFC 4180 CSV: comma-separated, fields optionally in double quotes (which may hold commas, doubled quotes and
/// line breaks), LF or CRLF line ends, blank lines skipped. Yields each record with the line it starts on.
/// </summary>
internal static class CsvReader
{
    public static IEnumerable<(int Line, IReadOnlyList<string> Cells)> Read(string text)
    {
        var line = 1;
        var recordLine = 1;
        var cells = new List<string>();
        var cell = new StringBuilder();
        var quoted = false;
        var empty = true;

        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < text.Length && text[i + 1] == '"')
                {
                    cell.Append('"');
                    i++;
                }
                else if (c == '"')
                {
                    quoted = false;
                }
                else
                {
                    line += c == '\n' ? 1 : 0;
                    cell.Append(c);
                }

                continue;
            }

            switch (c)
            {
                case '"' when cell.Length == 0:
                    quoted = true;
                    empty = false;
                    break;
                case ',':
                    cells.Add(cell.ToString());
                    cell.Clear();
                    empty = false;
                    break;
                case '\r':
                    break;
                case '\n':
                    if (!empty)
                    {
                        cells.Add(cell.ToString());
                        yield return (recordLine, cells);
                    }

                    cells = [];
                    cell.Clear();
                    empty = true;
                    recordLine = ++line;
                    break;
                default:
                    cell.Append(c);
                    empty = false;
                    break;
            }
        }

        if (!empty)
        {
            cells.Add(cell.ToString());
            yield return (recordLine, cells);
        }
    }
}
