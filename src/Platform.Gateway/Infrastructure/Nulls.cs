using Platform.Domain.Hierarchy;

namespace Platform.Gateway.Infrastructure;

/// <summary>Finds the nulls System.Text.Json leaves in lists and dictionaries of reference types.</summary>
internal static class Nulls
{
    private const string Message = "is null; give a value or leave the entry out";

    public static IEnumerable<FieldError> In<T>(IReadOnlyList<T>? list, string field) =>
        (list ?? []).Select((item, i) => (item, i)).Where(x => x.item is null).Select(x => new FieldError($"{field}[{x.i}]", Message));

    public static IEnumerable<FieldError> In<T>(IReadOnlyDictionary<string, T>? dictionary, string field) =>
        (dictionary ?? new Dictionary<string, T>()).Where(p => p.Value is null).Select(p => new FieldError($"{field}.{p.Key}", Message));
}
