using Platform.Contracts.Identity;

namespace Platform.Gateway.Access;

/// <summary>What <see cref="AccessFilter"/> let through: who, in which tenant, to do what to which node, branch or
/// campaign. Kept on the request for <see cref="TenantAccess"/>.</summary>
internal sealed record AccessGrant(Caller Caller, string Tenant, AccessRequirement Requirement, string? Code, string? CampaignId);
