using Platform.Domain.Campaigns;
using Platform.Domain.Framework;

namespace Platform.Contracts.Tenancy;

/// <summary>A tenant: one province's space. <see cref="RootCode"/> is its province node, set by the first import.</summary>
/// <param name="Revision">Counts the changes to this record (1 when created); the tenant's ETag, which a rename must quote.</param>
[GenerateSerializer, Immutable, Alias("TenantInfo")]
public sealed record TenantInfo(
    [property: Id(0)] string Id,
    [property: Id(1)] string Name,
    [property: Id(2)] string? RootCode,
    [property: Id(3)] RatingScheme Scheme,
    [property: Id(4)] DateTimeOffset CreatedAt,
    [property: Id(5)] int Revision)
{
    /// <summary>The shortest public display (公示) of a campaign's results before they may become final; see
    /// <see cref="PublicityPeriod"/>.</summary>
    [Id(6)] public int MinimumPublicityDays { get; init; } = PublicityPeriod.DefaultDays;
}
