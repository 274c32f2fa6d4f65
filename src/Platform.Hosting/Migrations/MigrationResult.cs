namespace Platform.Hosting.Migrations;

/// <summary>What a migration run did: the scripts it applied now (none when the database was current).</summary>
public sealed record MigrationResult(string Database, IReadOnlyList<MigrationScript> Applied, int CurrentVersion);
