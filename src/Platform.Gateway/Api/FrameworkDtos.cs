using Platform.Contracts.Framework;
using Platform.Domain.Framework;
using Platform.Domain.Hierarchy;
using Platform.Gateway.Infrastructure;

namespace Platform.Gateway.Api;

/// <summary>A framework version. Posting one publishes a new version; <c>version</c> and <c>publishedAt</c> are assigned.</summary>
public sealed record FrameworkDto(
    int? Version,
    string? Name,
    string? RatingScheme,
    decimal? BonusCap,
    string? PassLevel,
    IReadOnlyList<DimensionDto>? Dimensions,
    IReadOnlyList<BandDto>? Bands,
    IReadOnlyList<VetoDto>? Vetoes,
    DateTimeOffset? PublishedAt) : IRequestBody
{
    public IEnumerable<FieldError> NullElements() =>
        Nulls.In(Dimensions, "dimensions")
            .Concat((Dimensions ?? []).SelectMany((d, i) => d is null ? [] : Nulls.In(d.Indicators, $"dimensions[{i}].indicators")))
            .Concat(Nulls.In(Bands, "bands"))
            .Concat((Bands ?? []).SelectMany((b, i) => b is null ? [] : Nulls.In(b.Gates, $"bands[{i}].gates")))
            .Concat(Nulls.In(Vetoes, "vetoes"));

    public static FrameworkDto From(FrameworkVersion f) => new(
        f.Version, f.Name, f.Scheme.ToApiName(), f.BonusCap, f.PassLevel.ToApiName(),
        f.Dimensions.Select(d => new DimensionDto(d.Id.ToApiName(), d.Name, d.Max,
            d.Indicators.Select(i => new IndicatorDto(i.Id, i.Name, i.Max, i.Rule.ToString().ToLowerInvariant())).ToList())).ToList(),
        f.Bands.Select(b => new BandDto(b.Level.ToApiName(), b.Level.ToChinese(), b.MinScore,
            b.Gates.Select(g => new GateDto(g.Dimension.ToApiName(), g.MinShareOfMax, g.Description)).ToList())).ToList(),
        f.Vetoes.Select(v => new VetoDto(v.Id, v.Name, v.Cap.ToApiName())).ToList(),
        f.PublishedAt);

    /// <summary>The draft this body describes, or the fields that could not be read.</summary>
    public (FrameworkVersion? Draft, IReadOnlyList<FieldError> Errors) ToDraft()
    {
        var errors = new List<FieldError>();
        if (!RatingSchemes.TryParse(RatingScheme, out var scheme))
        {
            errors.Add(new("ratingScheme", "must be 'stars' or 'grades'"));
        }

        var passLevel = Level(PassLevel, "passLevel", errors);
        var dimensions = new List<DimensionDefinition>();
        foreach (var (dimension, d) in (Dimensions ?? []).Select((x, i) => (x, i)))
        {
            if (!Domain.Framework.Dimensions.TryParse(dimension.Id, out var id))
            {
                errors.Add(new($"dimensions[{d}].id", $"must be one of {string.Join(", ", Domain.Framework.Dimensions.All.Select(x => x.ToApiName()))}"));
            }

            var indicators = new List<Indicator>();
            foreach (var (indicator, i) in (dimension.Indicators ?? []).Select((x, i) => (x, i)))
            {
                if (!Enum.TryParse<IndicatorRule>(indicator.Rule, ignoreCase: true, out var rule) || int.TryParse(indicator.Rule, out _))
                {
                    errors.Add(new($"dimensions[{d}].indicators[{i}].rule", "must be 'checked', 'counted' or 'derived'"));
                }

                indicators.Add(new Indicator(indicator.Id ?? "", indicator.Name ?? "", indicator.Max ?? 0, rule));
            }

            dimensions.Add(new DimensionDefinition(id, dimension.Name ?? "", indicators));
        }

        var bands = (Bands ?? []).Select((band, b) => new RatingBand(
            Level(band.Level, $"bands[{b}].level", errors),
            band.MinScore ?? 0,
            (band.Gates ?? []).Select((gate, g) =>
            {
                if (!Domain.Framework.Dimensions.TryParse(gate.Dimension, out var gateDimension))
                {
                    errors.Add(new($"bands[{b}].gates[{g}].dimension", "is not a dimension"));
                }

                return new RatingGate(gateDimension, gate.MinShareOfMax ?? 0, gate.Description ?? "");
            }).ToList())).ToList();

        var vetoes = (Vetoes ?? []).Select((veto, v) => new VetoItem(veto.Id ?? "", veto.Name ?? "", Level(veto.Cap, $"vetoes[{v}].cap", errors))).ToList();

        if (errors.Count > 0)
        {
            return (null, errors);
        }

        return (new FrameworkVersion(0, Name ?? "", scheme, dimensions, BonusCap ?? 0, bands, passLevel, vetoes, default), []);
    }

    private static RatingLevel Level(string? text, string field, List<FieldError> errors)
    {
        if (RatingLevels.TryParse(text, out var level))
        {
            return level;
        }

        errors.Add(new(field, $"must be one of {string.Join(", ", RatingLevels.All.Select(l => l.ToApiName()))}"));
        return default;
    }
}

public sealed record DimensionDto(string? Id, string? Name, decimal? Max, IReadOnlyList<IndicatorDto>? Indicators);

/// <param name="Rule"><c>checked</c>, <c>counted</c> or <c>derived</c>.</param>
public sealed record IndicatorDto(string? Id, string? Name, decimal? Max, string? Rule);

public sealed record BandDto(string? Level, string? Name, decimal? MinScore, IReadOnlyList<GateDto>? Gates);

public sealed record GateDto(string? Dimension, decimal? MinShareOfMax, string? Description);

public sealed record VetoDto(string? Id, string? Name, string? Cap);

/// <summary>One line of the list of versions; read the whole version at <c>framework/versions/{version}</c>.</summary>
public sealed record FrameworkVersionSummaryDto(int Version, string Name, string RatingScheme, DateTimeOffset PublishedAt)
{
    public static FrameworkVersionSummaryDto From(FrameworkVersionSummary summary) =>
        new(summary.Version, summary.Name, summary.Scheme.ToApiName(), summary.PublishedAt);
}
