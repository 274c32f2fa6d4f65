using Platform.Hosting.Storage;

namespace Platform.Hosting.Migrations;

/// <summary>
/// The scripts this build knows for a storage mode: infra/sql/&lt;mode&gt;/*.sql, embedded in this assembly (and
/// copied beside it under sql/ for operators to read), in version order.
/// </summary>
public static class MigrationCatalog
{
    public static IReadOnlyList<MigrationScript> For(StorageMode mode)
    {
        var prefix = $"Sql.{mode}.";
        var assembly = typeof(MigrationCatalog).Assembly;
        var scripts = new List<MigrationScript>();
        foreach (var resource in assembly.GetManifestResourceNames().Where(n => n.StartsWith(prefix, StringComparison.Ordinal)))
        {
            using var stream = assembly.GetManifestResourceStream(resource)!;
            using var reader = new StreamReader(stream);
            scripts.Add(MigrationScript.Parse(resource[prefix.Length..], reader.ReadToEnd()));
        }

        var duplicate = scripts.GroupBy(s => s.Version).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new InvalidOperationException($"Two {mode} scripts share version {duplicate.Key}: {string.Join(", ", duplicate)}; give each its own number.");
        }

        return [.. scripts.OrderBy(s => s.Version)];
    }
}
