namespace Platform.Hosting.Migrations;

/// <summary>A row of the database's migration history: what was applied, from which text, and when.</summary>
public sealed record AppliedMigration(int Version, string Name, string Checksum, DateTimeOffset AppliedAt);
