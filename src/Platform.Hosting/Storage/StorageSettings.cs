namespace Platform.Hosting.Storage;

/// <summary>The <c>Platform:Storage</c> section.</summary>
public sealed class StorageSettings
{
    /// <summary>The name of the connection string (<c>ConnectionStrings:Platform</c>, env <c>ConnectionStrings__Platform</c>).</summary>
    public const string ConnectionStringName = "Platform";

    public StorageMode Mode { get; set; } = StorageMode.Sqlite;

    /// <summary>
    /// True (default): a host applies pending scripts before its silo starts. False: it only checks that the database
    /// is current and refuses to start otherwise, leaving the change to the <c>migrate</c> command (a deployment's
    /// migration Job), so silos never race to change a shared schema.
    /// </summary>
    public bool MigrateOnStart { get; set; } = true;
}
