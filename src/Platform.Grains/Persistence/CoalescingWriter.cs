namespace Platform.Grains.Persistence;

/// <summary>
/// Group commit for one grain's state. Callers that ask for a write while one is running share the next one, so a
/// burst of interleaved requests (children attaching during an import) costs two writes, not one per request.
/// Runs on the grain's scheduler, so <paramref name="write"/> sees the grain's state between turns.
/// </summary>
internal sealed class CoalescingWriter(Func<Task> write)
{
    private TaskCompletionSource? _queued;
    private bool _writing;

    public Task WriteAsync()
    {
        var batch = _queued ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        if (!_writing)
        {
            _ = PumpAsync();
        }

        return batch.Task;
    }

    private async Task PumpAsync()
    {
        _writing = true;
        try
        {
            while (_queued is { } batch)
            {
                _queued = null;
                try
                {
                    await write();
                    batch.SetResult();
                }
                catch (Exception exception)
                {
                    batch.SetException(exception);
                }
            }
        }
        finally
        {
            _writing = false;
        }
    }
}
