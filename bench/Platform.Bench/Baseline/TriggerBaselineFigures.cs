namespace Platform.Bench.Baseline;

/// <summary>What the trigger-maintained baseline measured, its lock waits on deadline day, and its end-of-run check.</summary>
/// <param name="RowsDifferingFromGroupBy">Rollup rows that differ from GROUP BY over the same assessments after the run: 0 when correct.</param>
public sealed record TriggerBaselineFigures(SideFigures Side, LockWaits Locks, long RowsDifferingFromGroupBy);
