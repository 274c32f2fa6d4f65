using Platform.Domain.Framework;

namespace Platform.Domain.Campaigns;

/// <summary>
/// The official ratings a campaign's final set (its quota candidates, placed by <see cref="RatingQuotas"/>) and every
/// later change to them (veto events, corrections), so a change is checked against the seats (名额) of the campaign
/// that set the rating: a correction may not put a quota region over its seats at any level.
/// </summary>
public sealed record OfficialRatings(IReadOnlyList<QuotaCandidate> Candidates, QuotaPolicy Policy, IReadOnlyDictionary<string, RatingLevel> Revisions)
{
    private readonly IReadOnlyDictionary<string, QuotaCandidate> _byBranch = Candidates.ToDictionary(c => c.BranchCode, StringComparer.Ordinal);
    private readonly IReadOnlyDictionary<string, QuotaPlacement> _placed = RatingQuotas.Apply(Candidates, Policy.Quotas);

    /// <summary>The branch's official rating now, or null when this campaign did not rate it.</summary>
    public RatingLevel? LevelOf(string branchCode) =>
        Revisions.TryGetValue(branchCode, out var revised) ? revised
        : _placed.TryGetValue(branchCode, out var placement) ? placement.Final
        : null;

    /// <summary>Why <paramref name="branchCode"/> may not hold <paramref name="level"/> now, or null when it may.</summary>
    public Refusal? Check(string branchCode, RatingLevel level)
    {
        if (!_byBranch.TryGetValue(branchCode, out var candidate))
        {
            return Refusal.Of(RefusalKind.NotFound, $"'{branchCode}' was not rated by this campaign's final");
        }

        if (LevelOf(branchCode) == level || Policy.Quotas.FirstOrDefault(q => q.Level == level) is not { } quota)
        {
            return null;
        }

        var region = Candidates.Where(c => c.QuotaRegion == candidate.QuotaRegion).ToList();
        var seats = quota.Seats(region.Count);
        var holders = region.Count(c => c.BranchCode != branchCode && LevelOf(c.BranchCode) == level);
        return holders < seats
            ? null
            : Refusal.Conflict($"{level.ToChinese()} has {seats} seats (名额) in {DescribeRegion(candidate.QuotaRegion)} under this campaign's quota, " +
                $"and {holders} branches hold them: the change would put the region over its quota");
    }

    public OfficialRatings Revise(string branchCode, RatingLevel level) =>
        this with { Revisions = new Dictionary<string, RatingLevel>(Revisions, StringComparer.Ordinal) { [branchCode] = level } };

    private static string DescribeRegion(string region) => region == CampaignRoster.ScopeRoot ? "the campaign's scope" : region;
}
