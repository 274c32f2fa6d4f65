using System.Diagnostics;
using Npgsql;

namespace Platform.Bench.Baseline;

/// <summary>
/// How much of a load phase PostgreSQL's sessions spent queued on locks: <c>pg_stat_activity</c> sampled every
/// 10 ms (sessions waiting on a lock, of those running a statement), and the database's deadlock counter before and after.
/// </summary>
public sealed class LockWaitSampler : IAsyncDisposable
{
    private readonly NpgsqlDataSource _data;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task<(int Samples, long Waiting, long Active, int MostWaiting)> _sampling;
    private readonly long _deadlocksBefore;

    private LockWaitSampler(NpgsqlDataSource data, long deadlocksBefore)
    {
        _data = data;
        _deadlocksBefore = deadlocksBefore;
        _sampling = Task.Run(SampleAsync);
    }

    public static async Task<LockWaitSampler> StartAsync(NpgsqlDataSource data) => new(data, await DeadlocksAsync(data));

    public async Task<LockWaits> StopAsync()
    {
        await _stop.CancelAsync();
        var (samples, waiting, active, most) = await _sampling;
        return new LockWaits(samples == 0 ? 0 : waiting / (double)samples, active == 0 ? 0 : waiting / (double)active, most, await DeadlocksAsync(_data) - _deadlocksBefore);
    }

    private async Task<(int, long, long, int)> SampleAsync()
    {
        int samples = 0, most = 0;
        long waiting = 0, active = 0;
        await using var connection = await _data.OpenConnectionAsync();
        await using var command = new NpgsqlCommand("""
            SELECT count(*) FILTER (WHERE wait_event_type = 'Lock'), count(*)
            FROM pg_stat_activity WHERE state = 'active' AND backend_type = 'client backend' AND pid <> pg_backend_pid()
            """, connection);
        var watch = Stopwatch.StartNew();
        while (!_stop.IsCancellationRequested)
        {
            await using (var reader = await command.ExecuteReaderAsync())
            {
                await reader.ReadAsync();
                var (locked, running) = ((int)reader.GetInt64(0), (int)reader.GetInt64(1));
                (samples, waiting, active, most) = (samples + 1, waiting + locked, active + running, Math.Max(most, locked));
            }

            try
            {
                await Task.Delay(10, _stop.Token);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }

        return (samples, waiting, active, most);
    }

    private static async Task<long> DeadlocksAsync(NpgsqlDataSource data)
    {
        await using var command = data.CreateCommand("SELECT deadlocks FROM pg_stat_database WHERE datname = current_database()");
        return (long)(await command.ExecuteScalarAsync())!;
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        try
        {
            await _sampling;
        }
        catch (NpgsqlException)
        {
            // Disposed after the server went away: nothing left to report.
        }

        _stop.Dispose();
    }
}
