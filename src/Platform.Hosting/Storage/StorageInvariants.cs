namespace Platform.Hosting.Storage;

/// <summary>The ADO.NET invariant names the Orleans providers map to a driver.</summary>
public static class StorageInvariants
{
    /// <summary>SQLite; Orleans maps it to Microsoft.Data.Sqlite.</summary>
    public const string Sqlite = "System.Data.SQLite";

    /// <summary>PostgreSQL; Orleans maps it to Npgsql.</summary>
    public const string PostgreSql = "Npgsql";
}
