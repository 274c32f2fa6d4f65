using System.Diagnostics;
using Platform.Bench.Load;

namespace Platform.Bench.Campaigns;

/// <summary>One grain call per branch with a fixed number in flight, as many reviewers working at once: each call
/// timed, refusals counted, progress printed every tenth of the way.</summary>
public static class BulkCalls
{
    /// <summary>Refusals printed in full; the rest are counted, since one cause usually repeats for all of them.</summary>
    private const int PrintedRefusals = 5;

    /// <param name="call">The call for one branch: null when it succeeded, else why it was refused.</param>
    public static async Task<LoadResult> RunAsync(TextWriter log, string label, IReadOnlyList<string> codes, int inFlight, Func<string, Task<string?>> call)
    {
        var latencies = new Latencies();
        var refused = 0;
        var done = 0;
        var every = Math.Max(1, codes.Count / 10);
        var watch = Stopwatch.StartNew();
        await Parallel.ForEachAsync(codes, new ParallelOptions { MaxDegreeOfParallelism = inFlight }, async (code, _) =>
        {
            var started = watch.Elapsed;
            string? refusal;
            try
            {
                refusal = await call(code);
            }
            catch (Exception exception)
            {
                refusal = $"{exception.GetType().Name}: {exception.Message}";
            }

            if (refusal is null)
            {
                latencies.Add(watch.Elapsed - started);
            }
            else if (Interlocked.Increment(ref refused) <= PrintedRefusals)
            {
                log.WriteLine($"    {label}: {code} refused: {refusal}");
            }

            var count = Interlocked.Increment(ref done);
            if (count % every == 0)
            {
                log.WriteLine($"    {label}: {count:N0}/{codes.Count:N0} in {watch.Elapsed.TotalSeconds:F1} s ({count / watch.Elapsed.TotalSeconds:N0}/s)");
            }
        });
        return LoadResult.From(latencies, refused, watch.Elapsed.TotalSeconds);
    }
}
