using System.Diagnostics;
using System.Net.Http.Json;
using Platform.Gateway.Tests.Infrastructure;

namespace Platform.Gateway.Tests.Telemetry;

[Collection(TelemetryCollection.Name)]
public sealed class TraceExportTests(TelemetryFixture fixture)
{
    [Fact]
    public async Task One_trace_runs_from_the_http_request_into_the_grain_it_calls()
    {
        // The caller's trace, sampled: the request carries it (traceparent), and the gateway continues it.
        using var caller = new Activity("telemetry test caller").SetIdFormat(ActivityIdFormat.W3C);
        caller.ActivityTraceFlags = ActivityTraceFlags.Recorded;
        caller.Start();
        var traceId = caller.TraceId.ToHexString();

        // A branch with no baseline yet: the first PUT needs no If-Match.
        var put = await fixture.Gateway.Http.PutAsJsonAsync($"{fixture.Api}/orgs/{TelemetryFixture.CampaignBranches[1]}/assessment", new { scores = Scores.AtShare(0.9m) });
        caller.Stop();
        put.EnsureSuccessStatusCode();

        var deadline = DateTime.UtcNow.AddSeconds(20);
        OtlpSpan[] trace;
        while (true)
        {
            trace = fixture.Receiver.Spans.Where(s => s.TraceId == traceId).ToArray();
            if (trace.Any(IsTheRequest) && trace.Any(s => s.Scope == "Microsoft.Orleans.Application" && s.Name.Contains("PutAssessment")))
            {
                break;
            }

            Assert.True(DateTime.UtcNow < deadline,
                $"the trace was never exported whole; spans of it: {string.Join(", ", trace.Select(s => $"{s.Scope}:{s.Name}"))}; of all {fixture.Receiver.Spans.Count} spans");
            await Task.Delay(100);
        }

        // The caller's client may sign in first within the same trace: the request is the assessment's PUT.
        var server = Assert.Single(trace, IsTheRequest);
        Assert.NotEqual("", server.ParentSpanId);
        Assert.Equal("platform-gateway", server.Service);

        // The grain call hangs under the request: its chain of parents leads to the server span.
        var spans = trace.ToDictionary(s => s.SpanId);
        var grainCall = trace.First(s => s.Scope == "Microsoft.Orleans.Application" && s.Name.Contains("PutAssessment"));
        var ancestor = grainCall;
        while (ancestor.SpanId != server.SpanId)
        {
            Assert.True(spans.TryGetValue(ancestor.ParentSpanId, out ancestor!), $"{grainCall.Name}'s parents do not lead to the request's span");
        }
    }

    [Fact]
    public async Task The_platform_meter_and_the_logs_are_exported_over_otlp_too()
    {
        await EventuallyAsync(() => fixture.Receiver.MetricExports.Any(body => Contains(body, "platform.assessment.submissions")),
            "no OTLP metrics export carried platform.assessment.submissions");

        // The import's closing line (Information, which the fixture lets through for the importer), with its tenant.
        await EventuallyAsync(() => fixture.Receiver.LogExports.Any(body => Contains(body, "finished") && Contains(body, fixture.Tenant)),
            "no OTLP logs export carried the import's closing line");
    }

    private static async Task EventuallyAsync(Func<bool> condition, string failure)
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, failure);
            await Task.Delay(100);
        }
    }

    private static bool IsTheRequest(OtlpSpan span) =>
        span.Kind == OtlpSpan.Server && span.Name == "PUT /api/v1/tenants/{tenant}/orgs/{code}/assessment";

    private static bool Contains(byte[] body, string text) =>
        body.AsSpan().IndexOf(System.Text.Encoding.UTF8.GetBytes(text)) >= 0;
}
