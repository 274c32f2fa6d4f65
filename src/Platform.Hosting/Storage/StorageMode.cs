namespace Platform.Hosting.Storage;

/// <summary>Where grain state and reminders live (<c>Platform:Storage:Mode</c>).</summary>
public enum StorageMode
{
    /// <summary>The embedded default: one SQLite file beside the process.</summary>
    Sqlite,

    /// <summary>Production: PostgreSQL, connection string <c>ConnectionStrings:Platform</c>.</summary>
    PostgreSql,
}
