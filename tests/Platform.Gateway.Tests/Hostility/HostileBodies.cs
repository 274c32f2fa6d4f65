using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Platform.Gateway.Tests.Hostility;

/// <summary>
/// Every way the test corrupts a valid JSON body: the body as a whole (malformed, truncated, oversized, deep, duplicated
/// keys, wrong media type) and each part of it (wrong types, nulls in collections, SQL, long and invisible text,
/// invalid UTF-8, huge, over-precise and non-finite numbers, hostile keys). Each input is invalid for the route, so the
/// only right answer is a refusal that changes nothing.
/// </summary>
internal static class HostileBodies
{
    private const string Placeholder = "__hostile_placeholder__";
    private const string KeyPlaceholder = "__hostile_key__";
    private const int ElementsAttacked = 2;

    private static readonly JsonSerializerOptions Writing = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private static readonly string[] SqlFragments = ["' OR '1'='1", "'; DROP TABLE OrleansStorage; --"];

    private static readonly (string Name, string Text)[] InvisibleText =
    [
        ("NUL", "名\u0000称"), ("BEL", "\u0007"), ("right-to-left override", "\u202E反转"), ("zero-width space", "零\u200B宽"),
    ];

    private static readonly (string Name, string Raw)[] HostileNumbers =
    [
        ("1e400", "1e400"), ("-1e400", "-1e400"), ("1e-400", "1e-400"),
        ("39 digits", "123456789012345678901234567890123456789"),
        ("over-precise 2.999…9 (30 digits)", "2.999999999999999999999999999999"),
        ("over-precise 0.1000…01", "0.1000000000000000000000000000001"),
        ("NaN", "NaN"), ("Infinity", "Infinity"), ("-Infinity", "-Infinity"), ("\"NaN\"", "\"NaN\""),
    ];

    private static readonly (string Name, byte[] Bytes)[] InvalidUtf8 =
    [
        ("invalid UTF-8 C3 28", [0xC3, 0x28]), ("invalid UTF-8 FF", [0xFF]), ("overlong UTF-8 C0 AF", [0xC0, 0xAF]),
        ("UTF-8 encoded surrogate ED A0 80", [0xED, 0xA0, 0x80]),
    ];

    public static IEnumerable<HostileInput> Of(WriteRoute route)
    {
        var template = route.Template ?? throw new ArgumentException($"{route.Name} has no JSON template", nameof(route));
        var text = template.ToJsonString(Writing);
        var bytes = Encoding.UTF8.GetBytes(text);

        yield return Raw("malformed: not JSON", "not json");
        yield return Raw("malformed: empty body", "");
        yield return Raw("malformed: unclosed object", "{");
        yield return Raw("malformed: missing value", "{\"name\":}");
        yield return Raw("malformed: trailing comma", text[..^1] + ",}");
        yield return Raw("malformed: single quotes", text.Replace('"', '\''));
        yield return Raw("malformed: comment", "/* a comment */" + text);
        yield return Raw("malformed: two documents", text + text);
        yield return Raw("malformed: raw control byte in a key", text.Insert(2, "\u0007"));
        yield return Raw("wrong type: the body is an array", $"[{text}]");
        yield return Raw("wrong type: the body is null", "null");
        yield return Raw("wrong type: the body is a string", "\"text\"");
        yield return Raw("wrong type: the body is a number", "42");
        yield return Raw("unknown member", text[..^1] + ",\"unexpected\":1}");
        yield return Raw("deep: 1,000 nested arrays", new string('[', 1000) + new string(']', 1000));
        yield return Raw("deep: 1,000 nested objects", string.Concat(Enumerable.Repeat("{\"a\":", 1000)) + "1" + new string('}', 1000));
        foreach (var share in new[] { 0.25, 0.5, 0.9 })
        {
            var cut = (int)(bytes.Length * share);
            yield return HostileInput.Json($"truncated at {share:P0} of its bytes", bytes[..cut]);
        }

        yield return new HostileInput("oversized: one byte over the route's limit", () => new PaddedContent("{\"name\":\"", route.BodyLimit + 1, "application/json")) { ExpectContinue = true };
        yield return new HostileInput("oversized: 2 MB", () => new PaddedContent("{\"name\":\"", 2 * 1024 * 1024, "application/json")) { ExpectContinue = true };
        yield return new HostileInput("oversized: 2 MB of whitespace", () => new PaddedContent("{", 2 * 1024 * 1024, "application/json", ' ')) { ExpectContinue = true };
        yield return HostileInput.Json("wrong media type: text/plain", bytes, "text/plain");
        yield return HostileInput.Json("wrong media type: form", bytes, "application/x-www-form-urlencoded");
        yield return HostileInput.Json("wrong charset: UTF-8 bytes declared UTF-16", bytes, "application/json; charset=utf-16");
        yield return HostileInput.Json("wrong charset: UTF-16 bytes declared UTF-8", Encoding.Unicode.GetBytes(text));
        foreach (var input in DuplicateKey(template, [], "the body"))
        {
            yield return input;
        }

        foreach (var slot in Slots(route, template, [], ""))
        {
            foreach (var input in Attacks(route, template, slot))
            {
                yield return input with { Name = $"{slot.Path}: {input.Name}" };
            }
        }
    }

    private sealed record Slot(string Path, IReadOnlyList<object> Segments, JsonNode Node);

    /// <summary>Every part of the body, depth first; of a collection only the first elements (and a list's last), which stand for the rest.</summary>
    private static IEnumerable<Slot> Slots(WriteRoute route, JsonNode node, IReadOnlyList<object> segments, string path)
    {
        if (segments.Count > 0)
        {
            yield return new Slot(path, segments, node);
        }

        IEnumerable<(object Segment, string Path, JsonNode? Child)> children = node switch
        {
            JsonObject obj => obj.Select(p => ((object)p.Key, path.Length == 0 ? p.Key : $"{path}.{p.Key}", p.Value))
                .Take(route.IsCollection(path) ? ElementsAttacked : int.MaxValue),
            JsonArray array => array.Select((item, i) => ((object)i, $"{path}[{i}]", item)).Where((_, i) => i < ElementsAttacked || i == array.Count - 1),
            _ => [],
        };

        foreach (var (segment, childPath, child) in children.ToList())
        {
            if (child is null)
            {
                continue;
            }

            foreach (var slot in Slots(route, child, [.. segments, segment], childPath))
            {
                yield return slot;
            }
        }
    }

    private static IEnumerable<HostileInput> Attacks(WriteRoute route, JsonObject template, Slot slot)
    {
        switch (slot.Node)
        {
            case JsonValue value when value.GetValueKind() == JsonValueKind.String:
                foreach (var input in StringAttacks(route, template, slot))
                {
                    yield return input;
                }

                break;

            case JsonValue value when value.GetValueKind() == JsonValueKind.Number:
                yield return Replaced(template, slot, "wrong type: a string", "\"12\"");
                yield return Replaced(template, slot, "wrong type: true", "true");
                yield return Replaced(template, slot, "wrong type: an array", "[1]");
                yield return Replaced(template, slot, "wrong type: an object", "{}");
                foreach (var (name, raw) in HostileNumbers)
                {
                    yield return Replaced(template, slot, $"number {name}", raw);
                }

                break;

            case JsonValue:
                yield return Replaced(template, slot, "wrong type: a string", "\"true\"");
                yield return Replaced(template, slot, "wrong type: a number", "1");
                yield return Replaced(template, slot, "wrong type: an array", "[]");
                break;

            case JsonObject obj:
                yield return Replaced(template, slot, "wrong type: a string", "\"x\"");
                yield return Replaced(template, slot, "wrong type: a number", "1");
                yield return Replaced(template, slot, "wrong type: an array", "[]");
                yield return Replaced(template, slot, "deep: 1,000 nested arrays", new string('[', 1000) + new string(']', 1000));
                foreach (var input in DuplicateKey(template, slot.Segments, "this object"))
                {
                    yield return input;
                }

                if (route.IsCollection(slot.Path))
                {
                    foreach (var key in obj.Select(p => p.Key).Take(ElementsAttacked).ToList())
                    {
                        yield return Replaced(template, [.. slot.Segments, key], $"null value at '{key}'", "null");
                    }

                    foreach (var input in KeyAttacks(template, slot, obj))
                    {
                        yield return input;
                    }
                }

                break;

            case JsonArray array:
                yield return Replaced(template, slot, "wrong type: a string", "\"x\"");
                yield return Replaced(template, slot, "wrong type: a number", "1");
                yield return Replaced(template, slot, "wrong type: an object", "{}");
                yield return Replaced(template, slot, "deep: 1,000 nested arrays", new string('[', 1000) + new string(']', 1000));
                if (route.IsCollection(slot.Path) && array.Count > 0)
                {
                    yield return Replaced(template, [.. slot.Segments, 0], "null first element", "null");
                    yield return Replaced(template, slot, "null element appended", Serialize(array)[..^1] + ",null]");
                }

                break;
        }
    }

    private static IEnumerable<HostileInput> StringAttacks(WriteRoute route, JsonObject template, Slot slot)
    {
        var freeText = route.IsFreeText(slot.Path);
        yield return Replaced(template, slot, "wrong type: a number", "12345");
        yield return Replaced(template, slot, "wrong type: an object", "{\"a\":1}");
        yield return Replaced(template, slot, "wrong type: an array", "[\"a\"]");
        yield return Replaced(template, slot, "raw control byte", "\"a\u0007b\"");
        foreach (var (name, invalid) in InvalidUtf8)
        {
            yield return ReplacedBytes(template, slot, name, [(byte)'"', .. invalid, (byte)'"']);
        }

        if (!freeText)
        {
            foreach (var sql in SqlFragments)
            {
                yield return Replaced(template, slot, $"SQL {sql}", Serialize(JsonValue.Create(sql)));
            }

            yield return Replaced(template, slot, "empty", "\"\"");
        }

        yield return Replaced(template, slot, "5,000 characters", Serialize(JsonValue.Create(new string('长', 5000))));
        yield return Replaced(template, slot, "only whitespace", "\"   \"");
        yield return Replaced(template, slot, "lone surrogate", "\"\\uD800\"");
        foreach (var (name, invisible) in InvisibleText)
        {
            yield return Replaced(template, slot, name, Serialize(JsonValue.Create(invisible)));
        }
    }

    private static IEnumerable<HostileInput> KeyAttacks(JsonObject template, Slot slot, JsonObject obj)
    {
        var first = obj.First().Key;
        foreach (var sql in SqlFragments)
        {
            yield return RenamedKey(template, slot, first, $"key SQL {sql}", Encoding.UTF8.GetBytes(Serialize(JsonValue.Create(sql))));
        }

        yield return RenamedKey(template, slot, first, "empty key", "\"\""u8.ToArray());
        yield return RenamedKey(template, slot, first, "5,000-character key", Encoding.UTF8.GetBytes(Serialize(JsonValue.Create(new string('k', 5000)))));
        foreach (var (name, invisible) in InvisibleText)
        {
            yield return RenamedKey(template, slot, first, $"key with {name}", Encoding.UTF8.GetBytes(Serialize(JsonValue.Create(invisible))));
        }

        foreach (var (name, invalid) in InvalidUtf8)
        {
            yield return RenamedKey(template, slot, first, $"key with {name}", [(byte)'"', .. invalid, (byte)'"']);
        }
    }

    /// <summary>The object repeated with its first key again, holding another value: accepted, the last would silently win.</summary>
    private static IEnumerable<HostileInput> DuplicateKey(JsonObject template, IReadOnlyList<object> segments, string what)
    {
        var obj = segments.Count == 0 ? template : (JsonObject)Navigate(template, segments)!;
        if (obj.Count == 0)
        {
            yield break;
        }

        var (key, value) = obj.First();
        var other = value switch
        {
            JsonValue v when v.GetValueKind() == JsonValueKind.Number => v.ToJsonString() == "0" ? "1" : "0",
            JsonValue v when v.GetValueKind() == JsonValueKind.String => Serialize(JsonValue.Create(v.GetValue<string>() + "改")),
            JsonValue v when v.GetValueKind() == JsonValueKind.True => "false",
            JsonValue => "true",
            null => "null",
            _ => Serialize(value),
        };
        var duplicated = Serialize(obj)[..^1] + $",{Serialize(JsonValue.Create(key))}:{other}}}";
        yield return segments.Count == 0
            ? Raw($"duplicate key '{key}' in {what}", duplicated)
            : Replaced(template, segments, $"duplicate key '{key}' in {what}", duplicated);
    }

    private static HostileInput Raw(string name, string json) => HostileInput.Json(name, Encoding.UTF8.GetBytes(json));

    private static HostileInput Replaced(JsonObject template, Slot slot, string name, string rawJson) =>
        Replaced(template, slot.Segments, name, rawJson);

    private static HostileInput Replaced(JsonObject template, IReadOnlyList<object> segments, string name, string rawJson) =>
        ReplacedBytes(template, segments, name, Encoding.UTF8.GetBytes(rawJson));

    private static HostileInput ReplacedBytes(JsonObject template, Slot slot, string name, byte[] raw) =>
        ReplacedBytes(template, slot.Segments, name, raw);

    /// <summary>The body with the part at <paramref name="segments"/> replaced by raw bytes, which need not be valid JSON.</summary>
    private static HostileInput ReplacedBytes(JsonObject template, IReadOnlyList<object> segments, string name, byte[] raw)
    {
        var copy = (JsonObject)template.DeepClone();
        var parent = Navigate(copy, segments.Take(segments.Count - 1).ToList())!;
        switch (segments[^1])
        {
            case string key:
                parent.AsObject()[key] = Placeholder;
                break;
            case int index:
                parent.AsArray()[index] = Placeholder;
                break;
        }

        return HostileInput.Json(name, Splice(Serialize(copy), $"\"{Placeholder}\"", raw));
    }

    private static HostileInput RenamedKey(JsonObject template, Slot slot, string key, string name, byte[] rawKey)
    {
        var copy = (JsonObject)template.DeepClone();
        var obj = Navigate(copy, slot.Segments)!.AsObject();
        var entries = obj.Select(p => (p.Key == key ? KeyPlaceholder : p.Key, p.Value?.DeepClone())).ToList();
        obj.Clear();
        foreach (var (k, v) in entries)
        {
            obj[k] = v;
        }

        return HostileInput.Json(name, Splice(Serialize(copy), $"\"{KeyPlaceholder}\"", rawKey));
    }

    private static JsonNode? Navigate(JsonNode root, IReadOnlyList<object> segments)
    {
        var node = root;
        foreach (var segment in segments)
        {
            node = segment switch
            {
                string key => node!.AsObject()[key],
                int index => node!.AsArray()[index],
                _ => throw new ArgumentException($"segment {segment}", nameof(segments)),
            };
        }

        return node;
    }

    private static byte[] Splice(string json, string placeholder, byte[] raw)
    {
        var at = json.IndexOf(placeholder, StringComparison.Ordinal);
        return [.. Encoding.UTF8.GetBytes(json[..at]), .. raw, .. Encoding.UTF8.GetBytes(json[(at + placeholder.Length)..])];
    }

    private static string Serialize(JsonNode? node) => node?.ToJsonString(Writing) ?? "null";
}
