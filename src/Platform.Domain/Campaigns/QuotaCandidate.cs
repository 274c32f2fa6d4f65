using Platform.Domain.Framework;

namespace Platform.Domain.Campaigns;

/// <summary>
/// A rated branch as the quotas (名额) see it: the region whose seats it competes for, the level it earned on its own score, and
/// what ranks it against the others. <see cref="TieBreak"/> decides between equal totals; campaigns pass the branch's
/// 组织生活正常化 (organisational life) points.
/// </summary>
[GenerateSerializer, Immutable, Alias("QuotaCandidate")]
public sealed record QuotaCandidate(
    [property: Id(0)] string BranchCode,
    [property: Id(1)] string QuotaRegion,
    [property: Id(2)] decimal Total,
    [property: Id(3)] decimal TieBreak,
    [property: Id(4)] RatingLevel Earned);
