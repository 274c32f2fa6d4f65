using Platform.Domain.Hierarchy;

namespace Platform.Domain.Campaigns;

/// <summary>A branch taking part in a campaign (参评支部), with where it stood in the hierarchy when the campaign opened.</summary>
/// <param name="TallyParent">The school (or, for a joint branch under a region, the region) its tally reports to.</param>
/// <param name="SupervisorCode">The nearest region above it: it reviews the branch's self-assessment (审核).</param>
/// <param name="CityCode">The city it belongs to for the cross-region check; the province for a province-run school.</param>
[GenerateSerializer, Immutable, Alias("RosterBranch")]
public sealed record RosterBranch(
    [property: Id(0)] string Code,
    [property: Id(1)] string Name,
    [property: Id(2)] NodeKind Kind,
    [property: Id(3)] string TallyParent,
    [property: Id(4)] string? SchoolCode,
    [property: Id(5)] string SupervisorCode,
    [property: Id(6)] string? CountyCode,
    [property: Id(7)] string CityCode);
