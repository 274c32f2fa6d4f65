namespace Platform.Gateway.Tests.Telemetry;

/// <summary>The dashboard test's reading of PromQL, on its own: a wrong reading would let a misspelt metric through.</summary>
public sealed class PromQlNamesTests
{
    [Theory]
    [InlineData("histogram_quantile(0.99, sum by (le, level) (rate(platform_rollup_propagation_lag_seconds_bucket{tenant=~\"$tenant\"}[$__rate_interval])))", "platform_rollup_propagation_lag_seconds_bucket")]
    [InlineData("sum by (instance) (orleans_catalog_activations)", "orleans_catalog_activations")]
    [InlineData("label_values(platform_assessment_submissions_total, tenant)", "platform_assessment_submissions_total")]
    [InlineData("sum(rate(a_total[5m])) / sum(rate(b_total{x=\"y\"}[5m]))", "a_total b_total")]
    public void The_metric_names_of_a_query_are_read_and_nothing_else(string query, string names)
    {
        Assert.Equal(names.Split(' ').Order(), GrafanaDashboardTests.MetricNames(query).Order());
    }
}
