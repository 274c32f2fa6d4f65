using Platform.Contracts;

namespace Platform.Gateway.Imports;

/// <summary>
/// Tries an idempotent grain command again when the storage or the cluster fails it (an exception, or an answer that
/// says the platform is stopping), with growing pauses, so a passing fault does not turn a good row into a rejected one.
/// </summary>
internal static class TransientRetry
{
    public const int Attempts = 4;
    private static readonly TimeSpan FirstPause = TimeSpan.FromMilliseconds(100);

    /// <summary>The command's last answer, or the fault that outlasted every try (then <c>Outcome</c> is null).</summary>
    public static async Task<(Outcome<T>? Outcome, Exception? Fault)> RunAsync<T>(
        Func<Task<Outcome<T>>> command, Func<Outcome<T>, bool> isTransient, Action<Exception?, int> retrying, TimeProvider time,
        CancellationToken cancellationToken)
    {
        var pause = FirstPause;
        for (var attempt = 1; ; attempt++)
        {
            Outcome<T>? answer = null;
            Exception? fault = null;
            try
            {
                answer = await command();
                if (!isTransient(answer))
                {
                    return (answer, null);
                }
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                fault = exception;
            }

            if (attempt == Attempts)
            {
                return (answer, fault);
            }

            retrying(fault, attempt);
            await Task.Delay(pause, time, cancellationToken);
            pause *= 4;
        }
    }
}
