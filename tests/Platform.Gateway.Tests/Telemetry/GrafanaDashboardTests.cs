using System.Text.Json;
using System.Text.RegularExpressions;

namespace Platform.Gateway.Tests.Telemetry;

/// <summary>infra/grafana/platform-dashboard.json against what the gateway really exports: every metric a query names
/// must be in a scrape of a gateway that has done what the dashboard shows.</summary>
[Collection(TelemetryCollection.Name)]
public sealed partial class GrafanaDashboardTests(TelemetryFixture fixture)
{
    private static readonly string[] PlatformMetrics =
    [
        "platform_assessment_submissions_total", "platform_rollup_propagation_lag_seconds_bucket",
        "platform_campaign_stage_transitions_total", "platform_import_rows_total",
    ];

    [Fact]
    public async Task Every_metric_the_dashboard_queries_is_one_the_gateway_exports()
    {
        var queried = Queries(Dashboard()).SelectMany(MetricNames).ToHashSet();
        using var anonymous = fixture.Metrics();
        var exported = (await PrometheusScrape.ReadAsync(anonymous)).Names;

        Assert.Empty(queried.Except(exported).Order());
        Assert.Superset(PlatformMetrics.ToHashSet(), queried);
        Assert.Contains(queried, name => name.StartsWith("http_server_", StringComparison.Ordinal));
        Assert.Contains(queried, name => name.StartsWith("orleans_", StringComparison.Ordinal));
        Assert.Contains(queried, name => name.StartsWith("dotnet_", StringComparison.Ordinal));
    }

    [Fact]
    public void The_dashboard_is_a_grafana_dashboard_with_unique_panels_on_the_chosen_prometheus()
    {
        var dashboard = Dashboard();
        Assert.False(string.IsNullOrWhiteSpace(dashboard.GetProperty("title").GetString()));
        Assert.True(dashboard.GetProperty("schemaVersion").GetInt32() > 30);
        var panels = Panels(dashboard).ToList();
        Assert.Equal(panels.Count, panels.Select(p => p.GetProperty("id").GetInt32()).Distinct().Count());
        foreach (var panel in panels.Where(p => p.GetProperty("type").GetString() != "row"))
        {
            Assert.Equal("${datasource}", panel.GetProperty("datasource").GetProperty("uid").GetString());
            Assert.NotEmpty(panel.GetProperty("targets").EnumerateArray());
        }
    }

    /// <summary>The metric names in a PromQL expression: identifiers that are not functions, keywords, labels (in
    /// braces or after by/without), ranges or dashboard variables.</summary>
    internal static IEnumerable<string> MetricNames(string query)
    {
        if (LabelValues().Match(query) is { Success: true } labelValues)
        {
            return [labelValues.Groups[1].Value];
        }

        var stripped = Strings().Replace(query, " ");
        stripped = Variables().Replace(stripped, " ");
        stripped = Braces().Replace(stripped, " ");
        stripped = Brackets().Replace(stripped, " ");
        stripped = Groupings().Replace(stripped, " ");
        return Identifiers().Matches(stripped)
            .Where(m => !Keywords.Contains(m.Value))
            .Select(m => m.Value)
            .ToArray();
    }

    private static readonly HashSet<string> Keywords = ["by", "without", "on", "ignoring", "group_left", "group_right", "bool", "and", "or", "unless", "offset"];

    private static IEnumerable<string> Queries(JsonElement dashboard)
    {
        foreach (var panel in Panels(dashboard))
        {
            if (panel.TryGetProperty("targets", out var targets))
            {
                foreach (var target in targets.EnumerateArray())
                {
                    yield return target.GetProperty("expr").GetString()!;
                }
            }
        }

        foreach (var variable in dashboard.GetProperty("templating").GetProperty("list").EnumerateArray())
        {
            if (variable.GetProperty("type").GetString() == "query")
            {
                var query = variable.GetProperty("query");
                yield return query.ValueKind == JsonValueKind.String ? query.GetString()! : query.GetProperty("query").GetString()!;
            }
        }
    }

    private static IEnumerable<JsonElement> Panels(JsonElement container)
    {
        foreach (var panel in container.GetProperty("panels").EnumerateArray())
        {
            yield return panel;
            if (panel.TryGetProperty("panels", out _))
            {
                foreach (var nested in Panels(panel))
                {
                    yield return nested;
                }
            }
        }
    }

    private static JsonElement Dashboard()
    {
        var folder = new DirectoryInfo(AppContext.BaseDirectory);
        while (folder is not null && !File.Exists(Path.Combine(folder.FullName, "Platform.sln")))
        {
            folder = folder.Parent;
        }

        Assert.NotNull(folder);
        return JsonDocument.Parse(File.ReadAllText(Path.Combine(folder.FullName, "infra", "grafana", "platform-dashboard.json"))).RootElement;
    }

    [GeneratedRegex(@"^\s*label_values\(\s*([A-Za-z_:][A-Za-z0-9_:]*)\s*,")]
    private static partial Regex LabelValues();

    [GeneratedRegex("\"(?:[^\"\\\\]|\\\\.)*\"")]
    private static partial Regex Strings();

    [GeneratedRegex(@"\$\{[^}]*\}|\$[A-Za-z_][A-Za-z0-9_]*")]
    private static partial Regex Variables();

    [GeneratedRegex(@"\{[^}]*\}")]
    private static partial Regex Braces();

    [GeneratedRegex(@"\[[^\]]*\]")]
    private static partial Regex Brackets();

    [GeneratedRegex(@"\b(?:by|without|on|ignoring|group_left|group_right)\s*\([^)]*\)")]
    private static partial Regex Groupings();

    /// <summary>An identifier not followed by an opening parenthesis (a function) and not part of a number.</summary>
    [GeneratedRegex(@"(?<![A-Za-z0-9_:.])[A-Za-z_:][A-Za-z0-9_:]*\b(?!\s*\()")]
    private static partial Regex Identifiers();
}
