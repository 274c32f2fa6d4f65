using System.ComponentModel.DataAnnotations;
using Platform.Contracts.Tenancy;
using Platform.Domain.Framework;

namespace Platform.Gateway.Api;

/// <param name="MinimumPublicityDays">How many days a campaign's results are on public display (公示) at least before
/// they can become final.</param>
public sealed record TenantDto(string Id, string Name, string? RootCode, string RatingScheme, DateTimeOffset CreatedAt, int MinimumPublicityDays)
{
    public static TenantDto From(TenantInfo info) =>
        new(info.Id, info.Name, info.RootCode, info.Scheme.ToApiName(), info.CreatedAt, info.MinimumPublicityDays);
}

/// <param name="RatingScheme"><c>stars</c> (default) or <c>grades</c>: the scheme of the first framework version.</param>
/// <param name="MinimumPublicityDays">0 to 30 days of public display (公示) before a campaign's results can become
/// final (default 5); left out, the tenant keeps what it has.</param>
/// <param name="AdminUsername">When creating: the username of the tenant's first admin (default <c>admin</c>).</param>
public sealed record TenantRequest(string? Name, string? RatingScheme, int? MinimumPublicityDays, string? AdminUsername = null);

/// <summary>A tenant just created, with its first admin's one-time password: shown this once, never stored.</summary>
public sealed record CreatedTenantDto(string Id, string Name, string? RootCode, string RatingScheme, DateTimeOffset CreatedAt, int MinimumPublicityDays,
    IssuedAccountDto InitialAdmin);

/// <summary>An account and the one-time password it was just given (shown once): the person must change it at the first sign-in.</summary>
public sealed record IssuedAccountDto(string Username, string Password, string Role, string? ScopeCode, bool MustChangePassword);

/// <summary>A tenant as the operator lists it.</summary>
public sealed record TenantListItemDto(string Id, string Name, string? RootCode, DateTimeOffset CreatedAt, bool Suspended);

public sealed record MoveRequest([property: Required] string? ParentCode) : Access.IAddressesNodes
{
    public IEnumerable<(string Field, string Code)> AddressedNodes() => ParentCode is { } parent ? [("parentCode", parent)] : [];
}
