using Platform.Contracts.Hierarchy;
using Platform.Contracts.Identity;
using Platform.Domain.Audit;
using Platform.Domain.Identity;

namespace Platform.Contracts.Audit;

/// <summary>
/// Writes the platform makes on its own (a stage deadline, a campaign's final, the demo seed) into the tenant's audit
/// log, with the node's ancestry, as <c>system:…</c> (<see cref="Caller.System"/>). Requests through the API are
/// recorded by the gateway's audit filter instead.
/// </summary>
public sealed class AuditTrail(IGrainFactory grains, NodeAncestry ancestry)
{
    /// <summary>Appends one line and completes once it is stored.</summary>
    public async Task RecordAsync(
        string tenant, Caller caller, string operation, string target, string? node, int status, string? before, string? after)
    {
        var chain = node is null ? [] : await ancestry.OfAsync(tenant, node);
        await grains.GetGrain<IAuditLogGrain>(GrainKeys.AuditLog(tenant)).Append([Line(caller, operation, target, node, chain, status, before, after)]);
    }

    /// <summary>A line for <paramref name="caller"/>; its sequence and time are the log's to assign.</summary>
    public static AuditEntry Line(
        Caller caller, string operation, string target, string? node, IReadOnlyList<string> ancestry, int status, string? before, string? after) =>
        new(0, default, caller.AccountId, caller.Username, IsSystem(caller) ? null : caller.Role.ToApiName(), operation, target, node, ancestry,
            status, AuditEntry.Brief(before), AuditEntry.Brief(after));

    private static bool IsSystem(Caller caller) => caller.AccountId.StartsWith("system:", StringComparison.Ordinal);
}
