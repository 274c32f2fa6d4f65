using System.Text.RegularExpressions;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Platform.Hosting.Tests.Deployment;

/// <summary>
/// helm/platform as text and YAML. No Helm binary exists where the tests run, so templates are read as text (they are
/// Go templates, not YAML); only Chart.yaml and values.yaml are parsed.
/// </summary>
internal sealed partial class HelmChart
{
    public const string Directory = "helm/platform";

    private HelmChart(YamlMappingNode chart, YamlMappingNode values, string valuesText, IReadOnlyDictionary<string, string> templates)
    {
        Chart = chart;
        Values = values;
        ValuesText = valuesText;
        Templates = templates;
    }

    public YamlMappingNode Chart { get; }

    public YamlMappingNode Values { get; }

    public string ValuesText { get; }

    /// <summary>Every file under templates/, by file name.</summary>
    public IReadOnlyDictionary<string, string> Templates { get; }

    public static HelmChart Load()
    {
        var templates = System.IO.Directory.GetFiles(RepositoryFiles.PathOf($"{Directory}/templates"))
            .ToDictionary(file => Path.GetFileName(file), File.ReadAllText, StringComparer.Ordinal);
        var valuesText = RepositoryFiles.Read($"{Directory}/values.yaml");
        return new HelmChart(ParseMapping(RepositoryFiles.Read($"{Directory}/Chart.yaml")), ParseMapping(valuesText), valuesText, templates);
    }

    public static YamlMappingNode ParseMapping(string yaml)
    {
        var stream = new YamlStream();
        // Merge keys (`<<: *anchor`), which the compose file uses, are resolved by the merging parser only.
        stream.Load(new MergingParser(new Parser(new StringReader(yaml))));
        return Assert.IsType<YamlMappingNode>(Assert.Single(stream.Documents).RootNode);
    }

    public string Template(string fileName) =>
        Templates.TryGetValue(fileName, out var text) ? text : throw new Xunit.Sdk.XunitException($"{Directory}/templates/{fileName} is missing");

    /// <summary>The node at a dotted path of values.yaml, or null.</summary>
    public YamlNode? Value(string dottedPath)
    {
        YamlNode node = Values;
        foreach (var key in dottedPath.Split('.'))
        {
            if (node is not YamlMappingNode mapping || !mapping.Children.TryGetValue(new YamlScalarNode(key), out var child))
            {
                return null;
            }

            node = child;
        }

        return node;
    }

    public int IntValue(string dottedPath) =>
        int.Parse(Assert.IsType<YamlScalarNode>(Value(dottedPath) ?? throw new Xunit.Sdk.XunitException($"values.yaml has no {dottedPath}")).Value!, System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Every <c>.Values.a.b</c> path the templates use (also through <c>$.Values</c> and <c>.root.Values</c>).</summary>
    public IEnumerable<(string File, string Path)> ValuesPathsUsed() =>
        from template in Templates
        from Match match in ValuesPath().Matches(template.Value)
        select (template.Key, match.Groups[1].Value[1..]);

    /// <summary>Every leaf of values.yaml (a scalar, a list, or an empty map), as a dotted path.</summary>
    public IEnumerable<string> LeafPaths() => Leaves(Values, "");

    private static IEnumerable<string> Leaves(YamlMappingNode mapping, string prefix)
    {
        foreach (var (key, value) in mapping.Children)
        {
            var path = prefix + ((YamlScalarNode)key).Value;
            if (value is YamlMappingNode { Children.Count: > 0 } child)
            {
                foreach (var leaf in Leaves(child, path + "."))
                {
                    yield return leaf;
                }
            }
            else
            {
                yield return path;
            }
        }
    }

    [GeneratedRegex(@"\.Values((?:\.[A-Za-z_][A-Za-z0-9_]*)+)")]
    private static partial Regex ValuesPathPattern();

    private static Regex ValuesPath() => ValuesPathPattern();
}
