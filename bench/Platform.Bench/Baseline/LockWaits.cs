namespace Platform.Bench.Baseline;

/// <summary>What a load phase's sessions spent queued on PostgreSQL's locks (<see cref="LockWaitSampler"/>).</summary>
/// <param name="MeanWaiting">Sessions waiting on a lock at a sample, on average.</param>
/// <param name="WaitingShare">Of the sessions running a statement, the share waiting on a lock.</param>
/// <param name="MostWaiting">The most sessions seen waiting on a lock at once.</param>
public sealed record LockWaits(double MeanWaiting, double WaitingShare, int MostWaiting, long Deadlocks);
