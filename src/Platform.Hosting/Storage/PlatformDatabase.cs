using Microsoft.Extensions.Configuration;
using Platform.Hosting.Migrations;
using Platform.Hosting.Sqlite;

namespace Platform.Hosting.Storage;

/// <summary>The database the configuration names, for the storage mode it names, and the scripts that mode needs.</summary>
public sealed record PlatformDatabase(StorageSettings Storage, SqliteSettings Sqlite, string? ConnectionString)
{
    public static PlatformDatabase From(IConfiguration configuration)
    {
        var settings = configuration.GetSection(PlatformSettings.Section).Get<PlatformSettings>() ?? new PlatformSettings();
        var connectionString = configuration.GetConnectionString(StorageSettings.ConnectionStringName);
        if (settings.Storage.Mode == StorageMode.PostgreSql && string.IsNullOrWhiteSpace(connectionString))
        {
            throw new InvalidOperationException(
                "Platform:Storage:Mode is PostgreSql but no connection string is configured: set ConnectionStrings:Platform " +
                "(environment ConnectionStrings__Platform), e.g. Host=db;Port=5432;Database=platform;Username=platform;Password=….");
        }

        return new PlatformDatabase(settings.Storage, settings.Sqlite, connectionString);
    }

    public IReadOnlyList<MigrationScript> Scripts => MigrationCatalog.For(Storage.Mode);

    public IMigrationDatabase OpenMigrations() => Storage.Mode switch
    {
        StorageMode.Sqlite => new SqliteMigrationDatabase(Sqlite),
        StorageMode.PostgreSql => new PostgreSqlMigrationDatabase(ConnectionString!),
        _ => throw new InvalidOperationException($"Platform:Storage:Mode '{Storage.Mode}' is not Sqlite or PostgreSql."),
    };

    public async Task<MigrationResult> MigrateAsync(bool applyPending = true, CancellationToken cancellationToken = default)
    {
        await using var database = OpenMigrations();
        return await Migrator.RunAsync(database, Scripts, applyPending, cancellationToken);
    }
}
