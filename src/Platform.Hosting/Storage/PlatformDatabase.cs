using Microsoft.Extensions.Configuration;
using Platform.Hosting.Migrations;
using Platform.Hosting.Sqlite;

namespace Platform.Hosting.Storage;

/// <summary>The database the configuration names, for the storage mode it names, and the scripts that mode needs.</summary>
public sealed record PlatformDatabase(StorageSettings Storage, SqliteSettings Sqlite, string? ConnectionString)
{
    public const int DefaultMaximumPoolSize = 30;

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

        return new PlatformDatabase(settings.Storage, settings.Sqlite,
            settings.Storage.Mode == StorageMode.PostgreSql ? WithBoundedPool(connectionString!) : connectionString);
    }

    /// <summary>
    /// Npgsql's default pool (100) equals PostgreSQL's default max_connections (100, a few reserved): one silo
    /// activating grains in a burst (the demo seed, a restart) took every connection and failed reads with "too many
    /// clients already". Unless the connection string says otherwise, a silo keeps to
    /// <see cref="DefaultMaximumPoolSize"/>, and a burst waits for a connection instead; size max_connections for
    /// silos × pool size, plus the migration's one.
    /// </summary>
    private static string WithBoundedPool(string connectionString)
    {
        var given = new System.Data.Common.DbConnectionStringBuilder { ConnectionString = connectionString };
        if (given.Keys.Cast<string>().Any(key => key.Replace(" ", "", StringComparison.Ordinal).Equals("MaximumPoolSize", StringComparison.OrdinalIgnoreCase)
            || key.Replace(" ", "", StringComparison.Ordinal).Equals("MaxPoolSize", StringComparison.OrdinalIgnoreCase)))
        {
            return connectionString;
        }

        return new Npgsql.NpgsqlConnectionStringBuilder(connectionString) { MaxPoolSize = DefaultMaximumPoolSize }.ConnectionString;
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
