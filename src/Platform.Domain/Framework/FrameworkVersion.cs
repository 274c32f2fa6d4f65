namespace Platform.Domain.Framework;

/// <summary>
/// One published version of a tenant's 五化 framework: the scoring table, the veto items and the rating rules.
/// Versions are immutable once published; an assessment and a campaign pin the version they were scored with.
/// </summary>
/// <param name="Version">1, 2, … in publication order within the tenant.</param>
/// <param name="PassLevel">The lowest level that counts as 达标 (compliant), e.g. 2★ or 合格.</param>
/// <param name="BonusCap">The most the bonus dimension adds to the total, whatever its indicators sum to.</param>
[GenerateSerializer, Immutable, Alias("FrameworkVersion")]
public sealed record FrameworkVersion(
    [property: Id(0)] int Version,
    [property: Id(1)] string Name,
    [property: Id(2)] RatingScheme Scheme,
    [property: Id(3)] IReadOnlyList<DimensionDefinition> Dimensions,
    [property: Id(4)] decimal BonusCap,
    [property: Id(5)] IReadOnlyList<RatingBand> Bands,
    [property: Id(6)] RatingLevel PassLevel,
    [property: Id(7)] IReadOnlyList<VetoItem> Vetoes,
    [property: Id(8)] DateTimeOffset PublishedAt)
{
    public IEnumerable<Indicator> Indicators => Dimensions.SelectMany(d => d.Indicators);

    public Indicator? FindIndicator(string id) => Indicators.FirstOrDefault(i => i.Id == id);

    public Dimension DimensionOf(Indicator indicator) =>
        Dimensions.First(d => d.Indicators.Contains(indicator)).Id;

    public VetoItem? FindVeto(string id) => Vetoes.FirstOrDefault(v => v.Id == id);
}
