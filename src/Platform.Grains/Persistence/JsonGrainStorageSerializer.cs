using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using Orleans.Storage;

namespace Platform.Grains.Persistence;

/// <summary>
/// Stores grain state as plain JSON with no .NET type names, so renaming or moving a class never orphans stored data
/// and a row can be read with any SQL client. Only the members Orleans serialises (those with <c>[Id]</c>) are
/// stored, so derived properties such as averages never reach the database. Renaming a stored property is a schema
/// change, as it is for any JSON document.
/// </summary>
public sealed class JsonGrainStorageSerializer : IGrainStorageSerializer
{
    public static JsonSerializerOptions Options { get; } = CreateOptions();

    public BinaryData Serialize<T>(T? input) => new(JsonSerializer.SerializeToUtf8Bytes(input, Options));

    public T? Deserialize<T>(BinaryData input) => JsonSerializer.Deserialize<T>(input.ToMemory().Span, Options);

    private static JsonSerializerOptions CreateOptions()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web)
        {
            DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
            TypeInfoResolver = new DefaultJsonTypeInfoResolver { Modifiers = { KeepOnlyOrleansFields } },
        };
        options.Converters.Add(new JsonStringEnumConverter());
        options.MakeReadOnly();
        return options;
    }

    private static void KeepOnlyOrleansFields(JsonTypeInfo typeInfo)
    {
        if (typeInfo.Kind != JsonTypeInfoKind.Object || typeInfo.Type.GetCustomAttribute<GenerateSerializerAttribute>() is null)
        {
            return;
        }

        for (var i = typeInfo.Properties.Count - 1; i >= 0; i--)
        {
            if (typeInfo.Properties[i].AttributeProvider is MemberInfo member && member.GetCustomAttribute<IdAttribute>() is null)
            {
                typeInfo.Properties.RemoveAt(i);
            }
        }
    }
}
