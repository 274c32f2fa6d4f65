using Orleans.Concurrency;

namespace Platform.Contracts.Identity;

/// <summary>Every account of a tenant (or every operator), for listing. Keyed by <see cref="GrainKeys.AccountDirectory"/>.</summary>
[Alias("IAccountDirectoryGrain")]
public interface IAccountDirectoryGrain : IGrainWithStringKey
{
    /// <summary>Adds the accounts not yet listed; idempotent.</summary>
    [Alias("Add")]
    Task Add(IReadOnlyList<AccountEntry> entries);

    /// <summary>Every account, ordered by username.</summary>
    [Alias("List"), ReadOnly]
    Task<IReadOnlyList<AccountEntry>> List();
}
