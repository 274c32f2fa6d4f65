namespace Platform.Hosting.Migrations;

/// <summary>What the <see cref="Migrator"/> needs of one database engine: its history, and applying a script atomically.</summary>
public interface IMigrationDatabase : IAsyncDisposable
{
    /// <summary>A readable name for messages: the file, or host and database, never a password.</summary>
    string Describe { get; }

    /// <summary>
    /// Opens the database, takes whatever lock keeps two migrators apart until disposal, creates the history table when
    /// missing, and returns the history in version order.
    /// </summary>
    Task<IReadOnlyList<AppliedMigration>> OpenAsync(CancellationToken cancellationToken);

    /// <summary>Runs the script and records it in the history, in one transaction.</summary>
    Task ApplyAsync(MigrationScript script, CancellationToken cancellationToken);
}
