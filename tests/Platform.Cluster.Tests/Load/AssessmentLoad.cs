using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Platform.DemoData;
using Platform.Domain.Framework;
using Platform.Domain.Scoring;

namespace Platform.Cluster.Tests.Load;

/// <summary>
/// Clients submitting baseline assessments over HTTP, each writer owning its share of the branches (so a branch's
/// submissions are never concurrent and its <see cref="BranchLedger"/> record is exact), quoting the revision it last
/// knew in If-Match, and sending a submission that got a 503 or no answer again as it was. Every attempt is recorded
/// with its times and result; a 412 makes the writer read the branch again and check that what is stored is accounted for.
/// </summary>
internal sealed class AssessmentLoad
{
    private static readonly FrameworkVersion Framework = DefaultFrameworks.Create(RatingScheme.Stars, 1, DateTimeOffset.UnixEpoch);

    private readonly HttpClient _http;
    private readonly string _tenant;
    private readonly BranchLedger _ledger;
    private readonly TimeSpan? _retryDelay;
    private readonly Stopwatch _clock;
    private readonly CancellationTokenSource _stop = new();
    private readonly ConcurrentQueue<Attempt> _attempts = new();
    private readonly ConcurrentQueue<string> _anomalies = new();
    private readonly ConcurrentDictionary<string, int> _errors = new(StringComparer.Ordinal);
    private int _unavailableWithoutRetryAfter;
    private Task _writers = Task.CompletedTask;

    private AssessmentLoad(HttpClient http, string tenant, BranchLedger ledger, TimeSpan? retryDelay, Stopwatch clock)
    {
        _http = http;
        _tenant = tenant;
        _ledger = ledger;
        _retryDelay = retryDelay;
        _clock = clock;
    }

    /// <summary>Starts <paramref name="writers"/> writers over <paramref name="branches"/>.</summary>
    /// <param name="retryDelay">How long a writer waits after a failure; null: as the answer's Retry-After says.</param>
    /// <param name="clock">The test's clock, on which attempts are timed (so they compare with a kill's time).</param>
    public static AssessmentLoad Start(
        HttpClient http, string tenant, IReadOnlyList<string> branches, BranchLedger ledger, int writers, int seed, TimeSpan? retryDelay, Stopwatch clock)
    {
        var load = new AssessmentLoad(http, tenant, ledger, retryDelay, clock) { Writers = writers };
        load._writers = Task.WhenAll(Enumerable.Range(0, writers).Select(w =>
            Task.Run(() => load.WriteAsync(w, branches.Where((_, i) => i % writers == w).ToArray(), new Random(seed * 1000 + w)))));
        return load;
    }

    public IReadOnlyCollection<Attempt> Attempts => _attempts;

    public int Writers { get; private init; }

    /// <summary>What a writer found wrong as it went: an answer whose values differ from what was sent, a read after a
    /// 412 that shows a lost write.</summary>
    public IReadOnlyCollection<string> Anomalies => _anomalies;

    /// <summary>Each unexpected answer (status and problem title, or exception type) with how often it came.</summary>
    public IReadOnlyDictionary<string, int> Errors => _errors;

    /// <summary>503s that did not say when to retry.</summary>
    public int UnavailableWithoutRetryAfter => _unavailableWithoutRetryAfter;

    public int Count(AttemptResult result) => _attempts.Count(a => a.Result == result);

    /// <summary>Stops the writers (a request in flight is cut off and counts as unanswered) and waits for them.</summary>
    public async Task StopAsync()
    {
        await _stop.CancelAsync();
        await _writers;
    }

    public override string ToString() =>
        $"{_attempts.Count} submissions: {Count(AttemptResult.Acknowledged)} acknowledged, {Count(AttemptResult.Unavailable)} 503 "
        + $"({_unavailableWithoutRetryAfter} without Retry-After), {Count(AttemptResult.Stale)} 412 (an unanswered one had been applied), "
        + $"{Count(AttemptResult.NoAnswer)} unanswered, {Count(AttemptResult.Error)} other errors, {Count(AttemptResult.Abandoned)} abandoned at the stop"
        + (_errors.IsEmpty ? "" : $" [{string.Join(", ", _errors.Select(e => $"{e.Key} ×{e.Value}"))}]");

    private async Task WriteAsync(int writer, string[] mine, Random random)
    {
        var stop = _stop.Token;
        (string Code, AssessmentInput Input)? retry = null;
        while (!stop.IsCancellationRequested && mine.Length > 0)
        {
            // A submission that got a 503 or no answer is sent again as it was, as a client honouring Retry-After does.
            var (code, input) = retry ?? (mine[random.Next(mine.Length)], DemoProvince.Assess(Framework, random, 0.02));
            var record = _ledger[code];
            var expected = StoredValues.Of(Framework, input);
            var sentAt = _clock.Elapsed;
            using var request = new HttpRequestMessage(HttpMethod.Put, Url(code))
            {
                Content = JsonContent.Create(new { scores = input.Scores, counts = input.Counts, facts = input.Facts, vetoes = input.Vetoes }),
            };
            if (record.KnownRevision is { } known)
            {
                request.Headers.TryAddWithoutValidation("If-Match", $"\"{known}\"");
            }

            AttemptResult result;
            int? status = null;
            TimeSpan? wait = null;
            try
            {
                using var response = await _http.SendAsync(request, stop);
                status = (int)response.StatusCode;
                var body = await response.Content.ReadAsStringAsync(stop);
                (result, wait) = await HandleAsync(code, record, expected, response, body, stop);
            }
            catch (Exception exception) when (exception is HttpRequestException or OperationCanceledException)
            {
                // Cut off by the stop, a dropped connection or the client's timeout: it may or may not have been applied.
                record.NoAnswer(expected);
                result = stop.IsCancellationRequested ? AttemptResult.Abandoned : AttemptResult.NoAnswer;
                if (result == AttemptResult.NoAnswer)
                {
                    _errors.AddOrUpdate($"no answer ({exception.GetType().Name})", 1, (_, n) => n + 1);
                }

                wait = _retryDelay ?? TimeSpan.FromSeconds(1);
            }

            _attempts.Enqueue(new Attempt(writer, code, sentAt, _clock.Elapsed, result, status));
            retry = result is AttemptResult.Unavailable or AttemptResult.NoAnswer || (result == AttemptResult.Error && status >= 500) ? (code, input) : null;
            if (wait is { } pause && !stop.IsCancellationRequested)
            {
                await Task.Delay(pause, CancellationToken.None);
            }
        }
    }

    private async Task<(AttemptResult, TimeSpan?)> HandleAsync(
        string code, BranchRecord record, StoredValues expected, HttpResponseMessage response, string body, CancellationToken stop)
    {
        if (response.IsSuccessStatusCode)
        {
            var answer = JsonDocument.Parse(body).RootElement;
            var values = StoredValues.Read(answer);
            if (!values.SameAs(expected))
            {
                _anomalies.Enqueue($"{code}: acknowledged {values}, but {expected} was sent");
            }

            record.Acknowledge(answer.GetProperty("revision").GetInt32(), values);
            return (AttemptResult.Acknowledged, null);
        }

        if (response.StatusCode == HttpStatusCode.PreconditionFailed)
        {
            await RereadAsync(code, record, stop);
            return (AttemptResult.Stale, null);
        }

        if ((int)response.StatusCode >= 500)
        {
            record.NoAnswer(expected);
        }

        if (response.StatusCode == HttpStatusCode.ServiceUnavailable)
        {
            var retryAfter = response.Headers.RetryAfter?.Delta;
            if (retryAfter is null)
            {
                Interlocked.Increment(ref _unavailableWithoutRetryAfter);
            }

            return (AttemptResult.Unavailable, _retryDelay ?? retryAfter ?? TimeSpan.FromSeconds(1));
        }

        _errors.AddOrUpdate($"{(int)response.StatusCode} {Title(body)}", 1, (_, n) => n + 1);
        return (AttemptResult.Error, _retryDelay ?? TimeSpan.FromSeconds(1));
    }

    private async Task RereadAsync(string code, BranchRecord record, CancellationToken stop)
    {
        try
        {
            using var response = await _http.GetAsync(Url(code), stop);
            if (response.StatusCode is HttpStatusCode.OK or HttpStatusCode.NotFound)
            {
                var stored = response.IsSuccessStatusCode
                    ? JsonDocument.Parse(await response.Content.ReadAsStringAsync(stop)).RootElement.Clone()
                    : (JsonElement?)null;
                if (record.Reread(code, stored) is { } lost)
                {
                    _anomalies.Enqueue($"read after a 412: {lost}");
                }
            }
        }
        catch (Exception exception) when (exception is HttpRequestException or OperationCanceledException)
        {
            // The next submission is refused again and reads again.
        }
    }

    private string Url(string code) => $"/api/v1/tenants/{_tenant}/orgs/{code}/assessment";

    private static string Title(string body)
    {
        try
        {
            return JsonDocument.Parse(body).RootElement.TryGetProperty("title", out var title) ? title.GetString() ?? "" : "";
        }
        catch (JsonException)
        {
            return body.Length > 80 ? body[..80] : body;
        }
    }
}
