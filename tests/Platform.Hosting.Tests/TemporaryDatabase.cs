namespace Platform.Hosting.Tests;

/// <summary>A SQLite file in a fresh folder, removed with its WAL afterwards.</summary>
internal sealed class TemporaryDatabase : IDisposable
{
    private readonly string _folder = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "platform-tests", Guid.NewGuid().ToString("N"));

    public TemporaryDatabase() => Directory.CreateDirectory(_folder);

    public string Path => System.IO.Path.Combine(_folder, "platform.db");

    public void Dispose()
    {
        Platform.Testing.SqlitePools.Release(Path);
        Directory.Delete(_folder, recursive: true);
    }
}
