using System.Collections.Concurrent;
using System.Threading.Channels;

namespace Platform.Gateway.Imports;

/// <summary>
/// The import jobs of this gateway: a queue for its <see cref="ImportWorker"/>, and a way for the request that posted
/// a job to wait a while for it (<c>Prefer: wait</c>). What a job has done lives in its report grain, not here.
/// </summary>
internal sealed class ImportJobs
{
    private readonly Channel<ImportJob> _queue = Channel.CreateUnbounded<ImportJob>(new UnboundedChannelOptions { SingleReader = false });
    private readonly ConcurrentDictionary<string, TaskCompletionSource> _running = new(StringComparer.Ordinal);

    public ChannelReader<ImportJob> Queue => _queue.Reader;

    public void Enqueue(ImportJob job)
    {
        _running[job.ImportId] = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        if (!_queue.Writer.TryWrite(job))
        {
            Done(job.ImportId);
            throw new InvalidOperationException("the import queue is closed: the gateway is stopping");
        }
    }

    /// <summary>Whether the job has ended (finished or failed) within <paramref name="wait"/>.</summary>
    public async Task<bool> WaitAsync(string importId, TimeSpan wait, CancellationToken cancellationToken)
    {
        if (!_running.TryGetValue(importId, out var done))
        {
            return true;
        }

        try
        {
            await done.Task.WaitAsync(wait, cancellationToken);
            return true;
        }
        catch (TimeoutException)
        {
            return false;
        }
    }

    public void Done(string importId)
    {
        if (_running.TryRemove(importId, out var done))
        {
            done.TrySetResult();
        }
    }

    public void Close() => _queue.Writer.TryComplete();
}
