namespace Platform.Domain.Campaigns;

/// <summary>What a tenant admin sets up for a campaign (评议评比活动).</summary>
/// <param name="Scope">The regions taking part; everything under them takes part.</param>
/// <param name="FrameworkVersion">The 五化 framework version every score of this campaign is taken against.</param>
/// <param name="Deadlines">When each stage with a deadline closes; a stage without one closes on command only.</param>
/// <param name="Seed">Makes the cross-region draw reproducible: the same seed over the same submissions draws the same sample.</param>
[GenerateSerializer, Immutable, Alias("CampaignDefinition")]
public sealed record CampaignDefinition(
    [property: Id(0)] string Name,
    [property: Id(1)] CampaignKind Kind,
    [property: Id(2)] IReadOnlyList<string> Scope,
    [property: Id(3)] int FrameworkVersion,
    [property: Id(4)] IReadOnlyDictionary<CampaignStage, DateTimeOffset> Deadlines,
    [property: Id(5)] CrossCheckPolicy CrossCheck,
    [property: Id(6)] QuotaPolicy Quotas,
    [property: Id(7)] long Seed);
