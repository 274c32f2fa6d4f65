using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Platform.Bench.SignIn;
using Platform.Gateway.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Platform.Gateway.Tests.Hostility;

/// <summary>
/// Every write route, attacked over real HTTP with thousands of hostile inputs made from a body it accepts: each must
/// be refused with a 4xx problem, never a 5xx; what the route stores must read back byte for byte as before; and the
/// process must hold no more grains or heap afterwards than a small margin. Every input is sent signed in as whoever
/// may make the command (the tenant admin, the operator creating a tenant, the branch's own secretary, a reviewer of
/// the city the draw assigned), so it meets the checks behind authentication, and none may be answered 401 or 403.
/// </summary>
[Collection(AloneCollection.Name)]
public sealed class HostileInputTests(ITestOutputHelper output) : IAsyncLifetime
{
    /// <summary>Grains the attack may leave active: a handful of real ones it touched, never one per input.</summary>
    private const int ActivationSlack = 50;

    private const long HeapSlackBytes = 48L * 1024 * 1024;

    private readonly Dictionary<(string Tenant, string Username), Session> _actors = [];

    private LoopbackGateway? _gateway;

    private HttpClient Http => _gateway!.Http;

    public async Task InitializeAsync() => _gateway = await LoopbackGateway.StartAsync(
        "--Platform:Seed:Demo=false", "--Platform:Diagnostics=true", "--Platform:Rollup:ReportInterval=00:00:00.020");

    public async Task DisposeAsync()
    {
        if (_gateway is not null)
        {
            await _gateway.DisposeAsync();
        }
    }

    [Fact]
    public async Task Every_write_route_refuses_hostile_input_with_a_problem_changes_nothing_and_memory_stays_bounded()
    {
        var routes = await WriteRoutes.ArrangeAsync(Http);
        foreach (var route in routes.Where(r => r.ValidateAt is not null))
        {
            await AssertTemplateAcceptedAsync(route);
        }

        var actors = new Dictionary<string, Session?>();
        foreach (var route in routes)
        {
            actors[route.Name] = await ActorAsync(route);
        }

        var before = await MemoryAsync();
        var outcomes = new List<AttackOutcome>();
        foreach (var route in routes)
        {
            var tenant = route.Path.Split('/')[4];
            var inputs = (route.IsCsv ? HostileFiles.Of(route) : HostileBodies.Of(route)).Concat(WriteRoutes.HostilePaths(route, tenant));
            var stored = await StableSnapshotAsync(route.Reads);
            var ifMatch = route.IfMatchFrom is null ? null : (await Http.GetAsync(route.IfMatchFrom)).Headers.ETag?.Tag;
            foreach (var input in inputs)
            {
                var outcome = await AttackAsync(route, input, ifMatch, stored, actors[route.Name]);
                outcomes.Add(outcome);
                if (outcome.Changed)
                {
                    // Judge every later input on its own.
                    stored = await StableSnapshotAsync(route.Reads);
                    ifMatch = route.IfMatchFrom is null ? null : (await Http.GetAsync(route.IfMatchFrom)).Headers.ETag?.Tag;
                }
            }
        }

        var after = await SettledMemoryAsync(before.Activations + ActivationSlack);
        var failures = outcomes.Where(o => o.Failure is not null).ToList();
        var report = new StringBuilder()
            .AppendLine($"{outcomes.Count} hostile inputs over {routes.Count} write routes, {outcomes.Count(o => o.SignedIn)} sent with an access token: " +
                $"{outcomes.Count(o => o.Status >= 500)} answered 5xx, {outcomes.Count(o => o.Status is 401 or 403)} answered 401 or 403, " +
                $"{outcomes.Count(o => o.Changed)} changed a stored value, " +
                $"{outcomes.Count(o => o.Status is >= 200 and < 300 && o.Failure is null)} imports answered 200 with every hostile row rejected and nothing imported, " +
                $"{outcomes.Count(o => o.Status is >= 200 and < 300 && o.Failure is not null)} were accepted otherwise, {outcomes.Count(o => o.Status is null)} broke the connection, " +
                $"{outcomes.Count(o => o.Status is 400 && !o.Problem && o.Failure is null)} were refused by Kestrel before the application (a NUL in the path: a bare 400), " +
                $"{outcomes.Count(o => o.Status is >= 400 and < 500 && !o.Problem && o.Failure is not null)} were refused without problem details otherwise.")
            .AppendLine($"activations {before.Activations} → {after.Activations}; managed heap {before.ManagedHeapBytes / 1_048_576} MB → {after.ManagedHeapBytes / 1_048_576} MB");
        foreach (var route in outcomes.GroupBy(o => o.Route))
        {
            report.AppendLine($"  {route.Key}: {route.Count()} inputs, {route.Count(o => o.Failure is not null)} failed, {route.Count(o => o.Status >= 500)} 5xx");
        }

        var summary = report.ToString();
        foreach (var failure in failures)
        {
            report.AppendLine($"  ✗ {failure.Route} · {failure.Input} → {failure.Failure}");
        }

        output.WriteLine(report.ToString());
        var firstFailures = string.Join(Environment.NewLine, failures.Take(40).Select(f => $"  ✗ {f.Route} · {f.Input} → {f.Failure}"));
        Assert.True(failures.Count == 0, summary + firstFailures);
        Assert.True(after.Activations <= before.Activations + ActivationSlack, summary);
        Assert.True(after.ManagedHeapBytes <= before.ManagedHeapBytes + HeapSlackBytes, summary);
    }

    private sealed record AttackOutcome(string Route, string Input, int? Status, bool Problem, bool Changed, bool SignedIn, string? Failure);

    /// <summary>
    /// Who makes a branch's own command: its secretary (a self-assessment, an appeal) or a reviewer of the city the draw
    /// assigned (a cross-check), signed in here so that a hostile route value is sent by them too, not by the admin the
    /// client falls back to for a branch it cannot find. Null for the routes of the tenant admin (or of the operator
    /// creating a tenant), which the client signs in itself.
    /// </summary>
    private async Task<Session?> ActorAsync(WriteRoute route)
    {
        var parts = route.Path.Split('/');
        if (parts is not ["", "api", "v1", "tenants", var tenant, "campaigns", _, "branches", var code, var command] || command is not ("self-assessment" or "appeal" or "cross-check"))
        {
            return null;
        }

        var (role, scope) = command == "cross-check"
            ? ("reviewer", (await (await Http.GetAsync(route.IfMatchFrom)).JsonAsync()).GetProperty("crossCheck").GetProperty("reviewerCity").GetString()!)
            : ("branchSecretary", code);
        var username = $"hostile-{role}-{scope}".ToLowerInvariant();
        if (_actors.TryGetValue((tenant, username), out var known))
        {
            return known;
        }

        var created = await (await Http.PostAsJsonAsync($"/api/v1/tenants/{tenant}/accounts", new { username, displayName = username, role, scopeCode = scope })).JsonAsync();
        var session = _gateway!.Clients.SessionOf(tenant, username, created.GetProperty("oneTimePassword").GetString()!);
        await session.AccessTokenAsync();
        return _actors[(tenant, username)] = session;
    }

    private async Task<AttackOutcome> AttackAsync(WriteRoute route, HostileInput input, string? ifMatch, string stored, Session? actor)
    {
        var request = new HttpRequestMessage(route.Method, input.Path ?? route.Path) { Content = input.Body() };
        request.Headers.ExpectContinue = input.ExpectContinue;
        if (route.IsCsv)
        {
            // An import is a job: waiting for it lets the answer say what it did.
            request.Headers.TryAddWithoutValidation("Prefer", Platform.Bench.Imports.HierarchyImports.PreferWait);
        }

        if ((input.IfMatch ?? ifMatch) is { } tag)
        {
            request.Headers.TryAddWithoutValidation("If-Match", tag);
        }

        if (actor is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", await actor.AccessTokenAsync());
        }

        int? status = null;
        var problem = false;
        var signedIn = false;
        string? failure = null;
        try
        {
            using var response = await Http.SendAsync(request);
            status = (int)response.StatusCode;
            signedIn = request.Headers.Authorization is { Scheme: "Bearer", Parameter.Length: > 0 };
            var body = await response.Content.ReadAsStringAsync();
            problem = response.Content.Headers.ContentType?.MediaType == "application/problem+json";
            failure = status switch
            {
                _ when !signedIn => $"sent without an access token, so it proves nothing behind authentication ({status})",
                >= 500 => $"{status}: {Shorten(body)}",
                401 or 403 => $"{status} to a caller who may make this command: {Shorten(body)}",
                400 when input.RefusedBeforeTheApplication => null,
                >= 400 when !problem => $"{status} without problem details: {Shorten(body)}",
                >= 400 => null,
                200 when route.IsCsv && NothingImported(body) => null,
                _ => $"accepted with {status}: {Shorten(body)}",
            };
        }
        catch (HttpRequestException exception)
        {
            failure = $"connection broken: {exception.Message}";
        }

        var changed = await SnapshotAsync(route.Reads) != stored;
        if (changed)
        {
            failure = (failure is null ? "" : failure + "; ") + "a stored value changed";
        }

        return new AttackOutcome(route.Name, input.Name, status, problem, changed, signedIn, failure);
    }

    private static bool NothingImported(string body)
    {
        var report = JsonDocument.Parse(body).RootElement;
        return report.GetProperty("created").GetInt32() == 0 && report.GetProperty("updated").GetInt32() == 0;
    }

    private async Task AssertTemplateAcceptedAsync(WriteRoute route)
    {
        var request = new HttpRequestMessage(route.Method, route.ValidateAt)
        {
            Content = new StringContent(route.Template!.ToJsonString(), Encoding.UTF8, "application/json"),
        };
        if (route.ValidateIfMatchFrom is not null && (await Http.GetAsync(route.ValidateIfMatchFrom)).Headers.ETag is { } tag)
        {
            request.Headers.IfMatch.Add(tag);
        }

        var response = await Http.SendAsync(request);
        Assert.True(response.IsSuccessStatusCode, $"{route.Name}: the template itself is refused, so the attack would prove nothing: " +
            $"{(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
    }

    /// <summary>What the reads answer: status, ETag and body of each.</summary>
    private async Task<string> SnapshotAsync(IReadOnlyList<string> reads)
    {
        var snapshot = new StringBuilder();
        foreach (var read in reads)
        {
            using var response = await Http.GetAsync(read);
            snapshot.Append((int)response.StatusCode).Append(' ').Append(response.Headers.ETag?.Tag).Append('\n')
                .Append(await response.Content.ReadAsStringAsync()).Append('\n');
        }

        return snapshot.ToString();
    }

    /// <summary>The reads once rollups from the arrangement have arrived: two snapshots a moment apart agree.</summary>
    private async Task<string> StableSnapshotAsync(IReadOnlyList<string> reads)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        var last = await SnapshotAsync(reads);
        while (true)
        {
            await Task.Delay(200);
            var next = await SnapshotAsync(reads);
            if (next == last || DateTime.UtcNow > deadline)
            {
                return next;
            }

            last = next;
        }
    }

    private sealed record MemoryReport(long ManagedHeapBytes, long WorkingSetBytes, int Activations);

    private async Task<MemoryReport> MemoryAsync() =>
        JsonSerializer.Deserialize<MemoryReport>(await Http.GetStringAsync("/diagnostics/memory"), JsonSerializerOptions.Web)!;

    /// <summary>Deactivation is asynchronous: give the grains the attack touched a few seconds to go.</summary>
    private async Task<MemoryReport> SettledMemoryAsync(int activations)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (true)
        {
            var memory = await MemoryAsync();
            if (memory.Activations <= activations || DateTime.UtcNow > deadline)
            {
                return memory;
            }

            await Task.Delay(250);
        }
    }

    private static string Shorten(string text) => text.Length <= 300 ? text : text[..300] + "…";
}
