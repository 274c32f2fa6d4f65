using Platform.Bench.Campaigns;

namespace Platform.Bench.Tests;

/// <summary>
/// A seconds-long run of the campaign benchmark, so the instrument cannot rot: the embedded silo on SQLite, the
/// province through the importer, every stage, finalisation, and the exactness checks that make its figure mean anything.
/// </summary>
public sealed class CampaignBenchmarkTests
{
    [Fact]
    public async Task A_tiny_campaign_run_finalises_every_branch_and_its_results_are_exact()
    {
        var options = BenchOptions.Parse(["--campaign", "--orgs", "300", "--in-flight", "16"]);

        var report = await new CampaignBenchmark(options, TextWriter.Null).RunAsync();

        Assert.Equal(BenchOptions.CampaignOutput, options.Output);
        Assert.True(report.Branches > 300, $"{report.Branches} branches");
        Assert.Equal(report.Branches, report.Final.Count);
        Assert.True(report.Final.Seconds > 0);
        Assert.All(report.Checks, check => Assert.True(check.Holds, $"{check.Name}: expected {check.Expected}, found {check.Found}"));
        Assert.True(report.Exact);
        Assert.Contains(report.Checks, check => check.Name.Contains("again is refused", StringComparison.Ordinal));
        Assert.Equal(report.Branches, report.Results.Finalised);
        Assert.True(report.Sampled > 0);
        Assert.All(report.Steps.Where(s => s.Calls is not null), step => Assert.Equal(0, step.Calls!.Errors));
        Assert.Empty(report.Findings);
        Assert.True(report.Memory.Activations > report.Branches);
        Assert.Contains("| exactness after final |", report.ToMarkdown());
    }
}
