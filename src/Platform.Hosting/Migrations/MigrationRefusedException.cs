namespace Platform.Hosting.Migrations;

/// <summary>
/// The database is not one this build may change: it was migrated by a newer build, or a script it recorded differs
/// from the one this build carries. Nothing was applied.
/// </summary>
public sealed class MigrationRefusedException(string message) : Exception(message);
