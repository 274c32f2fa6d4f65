using System.Text;

namespace Platform.Gateway.Tests.Telemetry;

/// <summary>
/// Reads the spans out of an OTLP <c>ExportTraceServiceRequest</c> (protobuf), by the field numbers of
/// opentelemetry-proto: enough of the wire format to check what the platform exports, with no generated code.
/// </summary>
internal static class OtlpTraceReader
{
    public static IEnumerable<OtlpSpan> Read(byte[] request)
    {
        foreach (var resourceSpans in Fields(request).Where(f => f.Number == 1))
        {
            var service = "";
            var scopeSpansList = new List<byte[]>();
            foreach (var field in Fields(resourceSpans.Bytes))
            {
                if (field.Number == 1)
                {
                    service = Attribute(field.Bytes, 1, "service.name") ?? "";
                }
                else if (field.Number == 2)
                {
                    scopeSpansList.Add(field.Bytes);
                }
            }

            foreach (var scopeSpans in scopeSpansList)
            {
                var scope = "";
                foreach (var field in Fields(scopeSpans))
                {
                    if (field.Number == 1)
                    {
                        scope = Fields(field.Bytes).Where(f => f.Number == 1).Select(f => Encoding.UTF8.GetString(f.Bytes)).FirstOrDefault() ?? "";
                    }
                    else if (field.Number == 2)
                    {
                        yield return Span(service, scope, field.Bytes);
                    }
                }
            }
        }
    }

    private static OtlpSpan Span(string service, string scope, byte[] span)
    {
        string traceId = "", spanId = "", parent = "", name = "";
        var kind = 0;
        foreach (var field in Fields(span))
        {
            switch (field.Number)
            {
                case 1: traceId = Convert.ToHexStringLower(field.Bytes); break;
                case 2: spanId = Convert.ToHexStringLower(field.Bytes); break;
                case 4: parent = Convert.ToHexStringLower(field.Bytes); break;
                case 5: name = Encoding.UTF8.GetString(field.Bytes); break;
                case 6: kind = (int)field.Varint; break;
            }
        }

        return new OtlpSpan(service, scope, traceId, spanId, parent, name, kind);
    }

    /// <summary>The string value of the attribute <paramref name="key"/> among the <c>KeyValue</c> fields numbered
    /// <paramref name="field"/> of <paramref name="message"/>.</summary>
    private static string? Attribute(byte[] message, int field, string key)
    {
        foreach (var keyValue in Fields(message).Where(f => f.Number == field))
        {
            var parts = Fields(keyValue.Bytes).ToList();
            if (parts.FirstOrDefault(p => p.Number == 1) is { } k && Encoding.UTF8.GetString(k.Bytes) == key
                && parts.FirstOrDefault(p => p.Number == 2) is { } value)
            {
                return Fields(value.Bytes).Where(f => f.Number == 1).Select(f => Encoding.UTF8.GetString(f.Bytes)).FirstOrDefault();
            }
        }

        return null;
    }

    private sealed record Field(int Number, ulong Varint, byte[] Bytes);

    private static IEnumerable<Field> Fields(byte[] message)
    {
        var at = 0;
        while (at < message.Length)
        {
            var tag = ReadVarint(message, ref at);
            var number = (int)(tag >> 3);
            switch (tag & 7)
            {
                case 0:
                    yield return new Field(number, ReadVarint(message, ref at), []);
                    break;
                case 1:
                    at += 8;
                    break;
                case 2:
                    var length = (int)ReadVarint(message, ref at);
                    yield return new Field(number, 0, message[at..(at + length)]);
                    at += length;
                    break;
                case 5:
                    at += 4;
                    break;
                default:
                    throw new FormatException($"wire type {tag & 7} at byte {at} is not protobuf this reader knows");
            }
        }
    }

    private static ulong ReadVarint(byte[] message, ref int at)
    {
        ulong value = 0;
        for (var shift = 0; ; shift += 7)
        {
            var b = message[at++];
            value |= (ulong)(b & 0x7F) << shift;
            if (b < 0x80)
            {
                return value;
            }
        }
    }
}
