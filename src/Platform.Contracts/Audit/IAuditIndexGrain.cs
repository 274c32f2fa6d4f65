using Orleans.Concurrency;
using Platform.Domain.Audit;

namespace Platform.Contracts.Audit;

/// <summary>One sealed chunk of a tenant's audit log index, keyed by <see cref="GrainKeys.AuditIndex"/>. Only the log stores it.</summary>
[Alias("IAuditIndexGrain")]
public interface IAuditIndexGrain : IGrainWithStringKey
{
    [Alias("Store")]
    Task Store(IReadOnlyList<AuditPageSummary> pages);

    [Alias("Get"), ReadOnly]
    Task<IReadOnlyList<AuditPageSummary>> Get();
}
