using Platform.Bench.Imports;
using System.Net.Http.Json;
using Platform.Gateway.Tests.Infrastructure;

namespace Platform.Gateway.Tests.Telemetry;

/// <summary>
/// A gateway that exports over OTLP to an <see cref="OtlpReceiver"/>, serves <c>/metrics</c> on a port of its own and
/// the Orleans Dashboard, with a tenant
/// that has done a little of everything the platform's meter counts: an import, a baseline assessment, and a
/// campaign run to review (its branches self-assessed).
/// </summary>
public sealed class TelemetryFixture : IAsyncLifetime
{
    /// <summary>The branch whose baseline assessment is submitted.</summary>
    public const string Branch = "9430103001-01";

    /// <summary>The small province's branches, each self-assessed in the campaign.</summary>
    public static readonly string[] CampaignBranches = ["9430102001-01", "9430102001-02", "9430103001-01", "430103-LH01"];

    private OtlpReceiver? _receiver;
    private LoopbackGateway? _gateway;

    internal OtlpReceiver Receiver => _receiver!;

    public LoopbackGateway Gateway => _gateway!;

    public string Tenant { get; } = "t" + Guid.NewGuid().ToString("N")[..12];

    public string Api => $"/api/v1/tenants/{Tenant}";

    /// <summary>The port <c>/metrics</c> is served on, apart from the API's (<c>Platform:Telemetry:PrometheusPort</c>).</summary>
    public int MetricsPort { get; } = Platform.Bench.Ports.Free();

    /// <summary>A client of the metrics port, as Prometheus scrapes it.</summary>
    public HttpClient Metrics() => new() { BaseAddress = new Uri($"http://127.0.0.1:{MetricsPort}") };

    public async Task InitializeAsync()
    {
        _receiver = await OtlpReceiver.StartAsync();
        _gateway = await LoopbackGateway.StartAsync(
            "--Platform:Seed:Demo=false",
            "--Platform:Rollup:ReportInterval=00:00:00.020",
            "--Platform:Telemetry:Dashboard=true",
            $"--urls=http://127.0.0.1:0;http://127.0.0.1:{MetricsPort}",
            $"--Platform:Telemetry:PrometheusPort={MetricsPort}",
            $"--OTEL_EXPORTER_OTLP_ENDPOINT={_receiver.Endpoint.ToString().TrimEnd('/')}",
            "--OTEL_EXPORTER_OTLP_PROTOCOL=http/protobuf",
            // Batches every 200 ms, metrics every second: the tests wait for the export, not for the defaults (5 s, 60 s).
            "--OTEL_BSP_SCHEDULE_DELAY=200",
            "--OTEL_BLRP_SCHEDULE_DELAY=200",
            "--OTEL_METRIC_EXPORT_INTERVAL=1000",
            // The importer's lines, for the logs export (the gateway tests log only warnings otherwise).
            "--Logging:LogLevel:Platform.Gateway.Imports=Information");

        var http = Gateway.Http;
        (await http.PutAsJsonAsync(Api, new { name = "遥测测试省" })).EnsureSuccessStatusCode();
        (await http.ImportHierarchyAsync($"{Api}/imports/hierarchy", SmallProvince.Csv)).EnsureSuccessStatusCode();
        (await http.PutAsJsonAsync($"{Api}/orgs/{Branch}/assessment", new { scores = Scores.AtShare(1m) })).EnsureSuccessStatusCode();
        await http.EventuallyAsync($"{Api}/nodes/{SmallProvince.Root}/summary", s => s.GetProperty("assessed").GetInt32() == 1);
        await CampaignStages.RunToAsync(http, Api, "遥测测试", "review", CampaignBranches, [], selfAssessInStage: true,
            new { sampleRate = 1, minimumPerCity = 1, cascadeOnFailure = false });
    }

    public async Task DisposeAsync()
    {
        if (_gateway is not null)
        {
            await _gateway.DisposeAsync();
        }

        if (_receiver is not null)
        {
            await _receiver.DisposeAsync();
        }
    }
}

/// <summary>
/// Alone, because OpenTelemetry keys a metric by its instrument's name, not its meter instance: when another gateway in
/// this process stops, its meters (ASP.NET Core's, Orleans', the platform's, all of one name with ours) are disposed,
/// and the SDK then drops the metric of that name from every provider, ours too (opentelemetry-dotnet issue 6412).
/// A production process has one host, and so one meter of each name.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class TelemetryCollection : ICollectionFixture<TelemetryFixture>
{
    public const string Name = "telemetry";
}
