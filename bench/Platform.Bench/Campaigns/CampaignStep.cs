using Platform.Bench.Load;

namespace Platform.Bench.Campaigns;

/// <summary>One timed step of the campaign benchmark.</summary>
/// <param name="Count">What the step went through (rows, branches, calls); the rate is over these.</param>
/// <param name="Calls">Latencies and refusals when the step is many grain calls; null for one command.</param>
public sealed record CampaignStep(string Name, double Seconds, int Count, string Unit, LoadResult? Calls = null)
{
    public double PerSecond => Seconds > 0 ? Count / Seconds : 0;
}
