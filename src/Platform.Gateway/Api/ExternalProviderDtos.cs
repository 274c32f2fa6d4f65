namespace Platform.Gateway.Api;

/// <param name="Authority">The provider's issuer URL (https; http only on this machine, for tests).</param>
/// <param name="RoleValues">Each value of the role claim and the platform role it means: tenantAdmin, regionAdmin,
/// branchSecretary, reviewer or viewer.</param>
public sealed record ExternalProviderRequest(
    string? Authority, string? Audience, string? UsernameClaim, string? RoleClaim, Dictionary<string, string>? RoleValues, string? ScopeClaim);
