using Microsoft.Extensions.Options;
using Platform.Contracts;
using Platform.Contracts.Startup;

namespace Platform.Gateway.Hosting;

/// <summary>
/// Runs first-start work once per cluster, whichever gateway process gets to it first (<see cref="IFirstStartGrain"/>),
/// and tells the readiness probe whether it is done.
/// </summary>
public sealed partial class FirstStart(IGrainFactory grains, IOptions<FirstStartOptions> options, ILogger<FirstStart> logger)
{
    /// <summary>The operator account (<c>IdentityBootstrap</c>).</summary>
    public const string Operator = "operator";

    /// <summary>The demo tenant (<c>DemoSeeder</c>).</summary>
    public const string DemoSeed = "demo-seed";

    private readonly HashSet<string> _done = [];

    /// <summary>This process, as a claim's holder: unique per start, readable in a log.</summary>
    public string Holder { get; } = $"{Environment.MachineName}/{Environment.ProcessId}/{Guid.NewGuid().ToString("N")[..8]}";

    /// <summary>
    /// Runs <paramref name="work"/> unless it is done already or while another process does it; waits meanwhile, and
    /// takes it over if the other stops renewing its claim. <paramref name="work"/> must tolerate a second run after
    /// one that was cut short (a takeover starts it over).
    /// </summary>
    /// <returns>True when this process did the work; false when it found it done.</returns>
    public async Task<bool> RunOnceAsync(string job, Func<CancellationToken, Task> work, CancellationToken cancellationToken)
    {
        var grain = grains.GetGrain<IFirstStartGrain>(GrainKeys.FirstStart(job));
        var lease = options.Value.Lease;
        var waiting = false;
        while (true)
        {
            var claim = await grain.Claim(Holder, lease);
            if (claim.Done)
            {
                MarkDone(job);
                return false;
            }

            if (claim.IsHeldBy(Holder))
            {
                break;
            }

            if (!waiting)
            {
                LogWaiting(logger, job, claim.Holder);
                waiting = true;
            }

            await Task.Delay(options.Value.PollInterval, cancellationToken);
        }

        using var renewing = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var renewal = RenewAsync(grain, job, lease, renewing.Token);
        try
        {
            await work(cancellationToken);
            await renewing.CancelAsync();
            await renewal;
            if (await grain.Complete(Holder))
            {
                MarkDone(job);
            }

            return true;
        }
        catch
        {
            await renewing.CancelAsync();
            await renewal;
            // So another gateway takes over at once rather than when the lease runs out.
            await grain.Release(Holder);
            throw;
        }
    }

    /// <summary>Whether <paramref name="job"/> is done, in this cluster, by whichever process.</summary>
    public async Task<bool> IsDoneAsync(string job)
    {
        lock (_done)
        {
            if (_done.Contains(job))
            {
                return true;
            }
        }

        if (!(await grains.GetGrain<IFirstStartGrain>(GrainKeys.FirstStart(job)).Status()).Done)
        {
            return false;
        }

        MarkDone(job);
        return true;
    }

    private void MarkDone(string job)
    {
        lock (_done)
        {
            _done.Add(job);
        }
    }

    private async Task RenewAsync(IFirstStartGrain grain, string job, TimeSpan lease, CancellationToken cancellationToken)
    {
        try
        {
            while (true)
            {
                await Task.Delay(lease / 3, cancellationToken);
                try
                {
                    if (!(await grain.Claim(Holder, lease)).IsHeldBy(Holder))
                    {
                        LogLost(logger, job);
                        return;
                    }
                }
                catch (Exception exception) when (exception is not OperationCanceledException)
                {
                    // A silo leaving mid-renewal: the next round tries again, well inside the lease.
                    LogRenewalFailed(logger, job, exception);
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "First-start work '{Job}' is being done by {Holder}; waiting for it")]
    private static partial void LogWaiting(ILogger logger, string job, string? holder);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Lost the claim on first-start work '{Job}' (its lease ran out); another gateway has taken it over")]
    private static partial void LogLost(ILogger logger, string job);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Renewing the claim on first-start work '{Job}' failed; trying again")]
    private static partial void LogRenewalFailed(ILogger logger, string job, Exception exception);
}
