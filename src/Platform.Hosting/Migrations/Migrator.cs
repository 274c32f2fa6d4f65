namespace Platform.Hosting.Migrations;

/// <summary>
/// Brings a database to the newest script this build knows, each script once, in order, each in its own transaction
/// with its history row. Before changing anything it checks the history against the scripts, and refuses a database
/// that a newer build migrated or whose recorded scripts differ from this build's: running an old build's queries
/// against a schema it does not know, or "repairing" an edited script, are both ways to lose data quietly.
/// </summary>
public static class Migrator
{
    /// <param name="applyPending">False checks only: pending scripts are an error rather than applied (a host that
    /// leaves migrating to the <c>migrate</c> command).</param>
    public static async Task<MigrationResult> RunAsync(IMigrationDatabase database, IReadOnlyList<MigrationScript> scripts, bool applyPending = true, CancellationToken cancellationToken = default)
    {
        var history = await database.OpenAsync(cancellationToken);
        var pending = Pending(database.Describe, history, scripts);
        if (pending.Count > 0 && !applyPending)
        {
            throw new MigrationRefusedException(
                $"{database.Describe} lacks {pending.Count} schema script(s) ({string.Join(", ", pending)}); run the migrate command of this build first.");
        }

        foreach (var script in pending)
        {
            await database.ApplyAsync(script, cancellationToken);
        }

        var current = Math.Max(history.Count == 0 ? 0 : history[^1].Version, pending.Count == 0 ? 0 : pending[^1].Version);
        return new MigrationResult(database.Describe, pending, current);
    }

    private static List<MigrationScript> Pending(string database, IReadOnlyList<AppliedMigration> history, IReadOnlyList<MigrationScript> scripts)
    {
        var newestKnown = scripts.Count == 0 ? 0 : scripts[^1].Version;
        var byVersion = scripts.ToDictionary(s => s.Version);
        foreach (var recorded in history)
        {
            if (recorded.Version > newestKnown)
            {
                throw new MigrationRefusedException(
                    $"{database} is at schema version {recorded.Version} ({recorded.Name}), newer than the newest script this build knows ({newestKnown}); run a build at least that new.");
            }

            if (!byVersion.TryGetValue(recorded.Version, out var script))
            {
                throw new MigrationRefusedException(
                    $"{database} records schema version {recorded.Version} ({recorded.Name}), which this build does not have; run the build that applied it.");
            }

            if (!string.Equals(script.Checksum, recorded.Checksum, StringComparison.OrdinalIgnoreCase))
            {
                throw new MigrationRefusedException(
                    $"{database} applied {script} with checksum {recorded.Checksum}, but this build's script has {script.Checksum}: an applied script was edited. Restore it and put the change in a new script.");
            }
        }

        var applied = history.Select(h => h.Version).ToHashSet();
        return [.. scripts.Where(s => !applied.Contains(s.Version))];
    }
}
