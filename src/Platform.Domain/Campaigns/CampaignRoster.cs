namespace Platform.Domain.Campaigns;

/// <summary>
/// Who takes part in a campaign, fixed when self-assessment opens: every branch under the scope's regions and the
/// schools and regions between them. A branch that moves or closes later still answers to this campaign as it stood,
/// as a real 评比 does.
/// </summary>
[GenerateSerializer, Immutable, Alias("CampaignRoster")]
public sealed record CampaignRoster(
    [property: Id(0)] IReadOnlyList<RosterUnit> Units,
    [property: Id(1)] IReadOnlyList<RosterBranch> Branches)
{
    /// <summary>The code of the campaign-wide total above the regions named in the scope; no region code contains '$'.</summary>
    public const string ScopeRoot = "$scope";

    public static CampaignRoster Empty { get; } = new([], []);
}
