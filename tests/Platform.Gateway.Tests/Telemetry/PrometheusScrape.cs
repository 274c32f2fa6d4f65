using System.Globalization;

namespace Platform.Gateway.Tests.Telemetry;

/// <summary>One sample of a Prometheus text scrape: <c>name{label="value",…} number</c>.</summary>
internal sealed record PrometheusSample(string Name, IReadOnlyDictionary<string, string> Labels, double Value);

/// <summary>A scrape of <c>/metrics</c> read back into samples (the text exposition format; comments skipped).</summary>
internal sealed class PrometheusScrape
{
    private PrometheusScrape(IReadOnlyList<PrometheusSample> samples) => Samples = samples;

    public IReadOnlyList<PrometheusSample> Samples { get; }

    /// <summary>Every metric name a sample carries (histograms as their <c>_bucket</c>, <c>_sum</c> and <c>_count</c>).</summary>
    public IReadOnlySet<string> Names => Samples.Select(s => s.Name).ToHashSet();

    /// <summary>The sum of the samples of <paramref name="name"/> whose labels include all of <paramref name="labels"/>.</summary>
    public double Sum(string name, params (string Label, string Value)[] labels) => Samples
        .Where(s => s.Name == name && labels.All(l => s.Labels.TryGetValue(l.Label, out var v) && v == l.Value))
        .Sum(s => s.Value);

    public static async Task<PrometheusScrape> ReadAsync(HttpClient http)
    {
        using var response = await http.GetAsync("/metrics");
        response.EnsureSuccessStatusCode();
        return Parse(await response.Content.ReadAsStringAsync());
    }

    public static PrometheusScrape Parse(string text)
    {
        var samples = new List<PrometheusSample>();
        foreach (var line in text.Split('\n'))
        {
            if (line.Length == 0 || line[0] == '#')
            {
                continue;
            }

            var labelsAt = line.IndexOf('{');
            var nameEnd = labelsAt >= 0 ? labelsAt : line.IndexOf(' ');
            var name = line[..nameEnd];
            var labels = new Dictionary<string, string>();
            var rest = line[nameEnd..];
            if (labelsAt >= 0)
            {
                var close = ReadLabels(line, labelsAt + 1, labels);
                rest = line[(close + 1)..];
            }

            var value = rest.Trim().Split(' ')[0];
            samples.Add(new PrometheusSample(name, labels, value switch
            {
                "+Inf" => double.PositiveInfinity,
                "-Inf" => double.NegativeInfinity,
                "NaN" => double.NaN,
                _ => double.Parse(value, CultureInfo.InvariantCulture),
            }));
        }

        return new PrometheusScrape(samples);
    }

    /// <summary>Reads <c>a="x",b="y"</c> up to the closing brace; returns the brace's index.</summary>
    private static int ReadLabels(string line, int at, Dictionary<string, string> labels)
    {
        while (line[at] != '}')
        {
            var equals = line.IndexOf('=', at);
            var label = line[at..equals];
            var value = new System.Text.StringBuilder();
            var i = equals + 2;
            for (; line[i] != '"'; i++)
            {
                if (line[i] == '\\')
                {
                    i++;
                    value.Append(line[i] == 'n' ? '\n' : line[i]);
                }
                else
                {
                    value.Append(line[i]);
                }
            }

            labels[label] = value.ToString();
            at = line[i + 1] == ',' ? i + 2 : i + 1;
        }

        return at;
    }
}
