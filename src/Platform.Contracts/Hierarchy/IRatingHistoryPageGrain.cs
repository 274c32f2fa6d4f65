using Orleans.Concurrency;
using Platform.Domain.Standing;

namespace Platform.Contracts.Hierarchy;

/// <summary>One archived page of a branch's rating history, written once. Keyed by <see cref="GrainKeys.RatingHistoryPage"/>.</summary>
[Alias("IRatingHistoryPageGrain")]
public interface IRatingHistoryPageGrain : IGrainWithStringKey
{
    /// <summary>Stores the page; storing the same page again (a retry) changes nothing.</summary>
    [Alias("Store")]
    Task Store(IReadOnlyList<RatingChange> lines);

    [Alias("Get"), ReadOnly]
    Task<IReadOnlyList<RatingChange>> Get();
}
