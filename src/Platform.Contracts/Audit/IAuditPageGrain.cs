using Orleans.Concurrency;
using Platform.Domain.Audit;

namespace Platform.Contracts.Audit;

/// <summary>One sealed page of a tenant's audit log, keyed by <see cref="GrainKeys.AuditPage"/>. Only the log stores it.</summary>
[Alias("IAuditPageGrain")]
public interface IAuditPageGrain : IGrainWithStringKey
{
    /// <summary>Stores the page. The log stores a page once; storing it again after an interrupted seal stores the same
    /// acknowledged lines.</summary>
    [Alias("Store")]
    Task Store(IReadOnlyList<AuditEntry> entries);

    [Alias("Get"), ReadOnly]
    Task<IReadOnlyList<AuditEntry>> Get();
}
