using System.Collections.Concurrent;
using System.Diagnostics;
using Microsoft.Data.Sqlite;
using Platform.Hosting.Sqlite;

namespace Platform.Hosting.Tests.Sqlite;

/// <summary>
/// The connections the Orleans providers get from <see cref="SqliteDataSource"/> under concurrency, through the real
/// Microsoft.Data.Sqlite pool. Microsoft.Data.Sqlite 10 can lend one pooled native connection to two owners, or
/// dispose it under its owner (docs/storage.md): a reclaim of "leaked" connections sees a connection that another
/// thread is just activating or returning as leaked. During a 50,000-row import that surfaced as
/// <c>ObjectDisposedException: 'SQLitePCL.sqlite3'</c> while the new connection ran its pragmas.
/// </summary>
public sealed class SqliteConnectionPoolingTests : IDisposable
{
    private const int Owners = 16;

    private readonly TemporaryDatabase _database = new();

    [Fact]
    public void Concurrent_opens_never_share_or_lose_a_native_connection()
    {
        var source = new SqliteDataSource(new SqliteSettings { Path = _database.Path });
        var failures = new ConcurrentQueue<string>();
        var clock = Stopwatch.StartNew();
        var waves = 0;

        // Each wave starts from an empty pool, so every open creates or reclaims a connection: the path with the race.
        // The race is a window of a few instructions; waves stop at the first failure or after the time box.
        while (clock.Elapsed < TimeSpan.FromSeconds(15) && failures.IsEmpty)
        {
            using (var probe = new SqliteConnection(source.ConnectionString))
            {
                SqliteConnection.ClearPool(probe);
            }

            var opened = new SqliteConnection?[Owners];
            using var ready = new Barrier(Owners);
            var owners = Enumerable.Range(0, Owners).Select(i => new Thread(() =>
            {
                ready.SignalAndWait();
                try
                {
                    // Open runs the pragmas on the connection it got from the pool.
                    var connection = (SqliteConnection)source.OpenConnection();
                    opened[i] = connection;
                }
                catch (Exception e)
                {
                    failures.Enqueue($"wave {waves}: {e.GetType().Name}: {e.Message}");
                }
            })).ToList();
            owners.ForEach(t => t.Start());
            owners.ForEach(t => t.Join());

            // Every owner is still open and strongly held here, so two sharing one native handle is a lent-twice connection.
            var handles = opened.Where(c => c is not null).Select(c => c!.Handle).ToList();
            if (handles.Any(h => h is null || h.IsClosed))
            {
                failures.Enqueue($"wave {waves}: an open connection's native handle is gone");
            }
            else if (handles.Select(h => h!.DangerousGetHandle()).Distinct().Count() != handles.Count)
            {
                failures.Enqueue($"wave {waves}: two open connections share one native handle");
            }

            foreach (var connection in opened)
            {
                connection?.Dispose();
            }

            waves++;
        }

        Assert.True(failures.IsEmpty, $"after {waves} waves of {Owners} concurrent opens: {string.Join("; ", failures)}");
    }

    public void Dispose() => _database.Dispose();
}
