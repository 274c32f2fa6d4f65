using System.Collections.Concurrent;
using Platform.Contracts;
using Platform.Contracts.Audit;
using Platform.Domain.Audit;

namespace Platform.Gateway.Audit;

/// <summary>
/// Group commit on the gateway's side: the lines of concurrent requests in one tenant travel to its log in one call
/// while the previous call is being stored, so deadline day costs a log write per batch, not per submission.
/// Each <see cref="AppendAsync"/> completes once its line is stored.
/// </summary>
internal sealed class AuditSink(IGrainFactory grains)
{
    /// <summary>Lines per call at most, so one call stays a small message whatever the burst.</summary>
    private const int MaxBatch = 500;

    private readonly ConcurrentDictionary<string, TenantQueue> _queues = new(StringComparer.Ordinal);

    public Task AppendAsync(string tenant, AuditEntry entry) =>
        _queues.GetOrAdd(tenant, t => new TenantQueue(grains.GetGrain<IAuditLogGrain>(GrainKeys.AuditLog(t)))).Add(entry);

    private sealed class TenantQueue(IAuditLogGrain log)
    {
        private readonly Lock _lock = new();
        private readonly List<(AuditEntry Entry, TaskCompletionSource Stored)> _pending = [];
        private bool _sending;

        public Task Add(AuditEntry entry)
        {
            var stored = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            bool start;
            lock (_lock)
            {
                _pending.Add((entry, stored));
                start = !_sending;
                _sending = true;
            }

            if (start)
            {
                _ = Task.Run(PumpAsync);
            }

            return stored.Task;
        }

        private async Task PumpAsync()
        {
            while (true)
            {
                List<(AuditEntry Entry, TaskCompletionSource Stored)> batch;
                lock (_lock)
                {
                    if (_pending.Count == 0)
                    {
                        _sending = false;
                        return;
                    }

                    var count = Math.Min(_pending.Count, MaxBatch);
                    batch = _pending.GetRange(0, count);
                    _pending.RemoveRange(0, count);
                }

                try
                {
                    await log.Append(batch.Select(b => b.Entry).ToArray());
                    batch.ForEach(b => b.Stored.SetResult());
                }
                catch (Exception exception)
                {
                    batch.ForEach(b => b.Stored.SetException(exception));
                }
            }
        }
    }
}
