namespace Platform.Domain.Campaigns;

/// <summary>What a campaign's final applied its quotas (名额) to, for checking later changes to the official ratings.</summary>
[GenerateSerializer, Immutable, Alias("QuotaBasis")]
public sealed record QuotaBasis(
    [property: Id(0)] IReadOnlyList<QuotaCandidate> Candidates,
    [property: Id(1)] QuotaPolicy Policy);
