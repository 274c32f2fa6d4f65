using Platform.Domain.Framework;

namespace Platform.Domain.Campaigns;

/// <summary>Applies quotas (名额) to earned ratings.</summary>
public static class RatingQuotas
{
    /// <summary>
    /// Every candidate's placement. Each quota region is settled on its own, counting its rated branches (all candidates
    /// in it). From the top level down, the branches holding a level — earned there, or squeezed out of the level above —
    /// compete for its seats (<see cref="RatingQuota.Seats"/>); the best keep it and the rest drop one level, where they
    /// compete again with those who earned that one. Better means a higher <see cref="QuotaCandidate.Total"/>, then a
    /// higher <see cref="QuotaCandidate.TieBreak"/>, then a lower <see cref="QuotaCandidate.BranchCode"/> (ordinal), so the
    /// outcome never depends on input order. A level is never raised, a branch never leaves its scheme, and the lowest level
    /// of a scheme has no cap (a quota on it is ignored), so everyone squeezed out of the levels above fits there. Each drop
    /// is reported with the branch's rank among the holders and the level's seats, for the audit trail.
    /// </summary>
    /// <exception cref="ArgumentException">A branch code appears twice, or a level has two quotas.</exception>
    public static IReadOnlyDictionary<string, QuotaPlacement> Apply(IEnumerable<QuotaCandidate> candidates, IReadOnlyList<RatingQuota> quotas)
    {
        var quotaByLevel = new Dictionary<RatingLevel, RatingQuota>();
        foreach (var quota in quotas)
        {
            if (!quotaByLevel.TryAdd(quota.Level, quota))
            {
                throw new ArgumentException($"'{quota.Level.ToApiName()}' has two quotas", nameof(quotas));
            }
        }

        var all = candidates.ToList();
        var level = new Dictionary<string, RatingLevel>(StringComparer.Ordinal);
        foreach (var candidate in all)
        {
            if (!level.TryAdd(candidate.BranchCode, candidate.Earned))
            {
                throw new ArgumentException($"branch '{candidate.BranchCode}' is listed twice", nameof(candidates));
            }
        }

        var demotions = new Dictionary<string, List<QuotaDemotion>>(StringComparer.Ordinal);
        foreach (var region in all.GroupBy(c => c.QuotaRegion, StringComparer.Ordinal).Select(g => g.ToList()))
        {
            foreach (var scheme in Enum.GetValues<RatingScheme>())
            {
                // Top first, so those squeezed out of a level are in place before the level below is settled.
                var levels = RatingLevels.Of(scheme);
                for (var rank = levels.Count - 1; rank > 0; rank--)
                {
                    if (!quotaByLevel.TryGetValue(levels[rank], out var quota))
                    {
                        continue;
                    }

                    var holders = region.Where(c => level[c.BranchCode] == levels[rank]).ToList();
                    holders.Sort(Better);
                    var seats = quota.Seats(region.Count);
                    for (var i = seats; i < holders.Count; i++)
                    {
                        var squeezed = holders[i].BranchCode;
                        level[squeezed] = levels[rank - 1];
                        var demotion = new QuotaDemotion(levels[rank], levels[rank - 1], holders[i].QuotaRegion, Rank: i + 1, seats);
                        if (!demotions.TryGetValue(squeezed, out var steps))
                        {
                            demotions[squeezed] = steps = [];
                        }

                        steps.Add(demotion);
                    }
                }
            }
        }

        return all.ToDictionary(
            c => c.BranchCode,
            c => new QuotaPlacement(c.Earned, level[c.BranchCode], c.Total, demotions.TryGetValue(c.BranchCode, out var list) ? list : []),
            StringComparer.Ordinal);
    }

    /// <summary>Orders better-ranked candidates first.</summary>
    private static int Better(QuotaCandidate a, QuotaCandidate b)
    {
        var byTotal = b.Total.CompareTo(a.Total);
        if (byTotal != 0)
        {
            return byTotal;
        }

        var byTieBreak = b.TieBreak.CompareTo(a.TieBreak);
        return byTieBreak != 0 ? byTieBreak : string.CompareOrdinal(a.BranchCode, b.BranchCode);
    }
}
