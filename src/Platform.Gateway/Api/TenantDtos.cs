using Platform.Contracts.Tenancy;
using Platform.Domain.Framework;

namespace Platform.Gateway.Api;

public sealed record TenantDto(string Id, string Name, string? RootCode, string RatingScheme, DateTimeOffset CreatedAt)
{
    public static TenantDto From(TenantInfo info) =>
        new(info.Id, info.Name, info.RootCode, info.Scheme.ToApiName(), info.CreatedAt);
}

/// <param name="RatingScheme"><c>stars</c> (default) or <c>grades</c>: the scheme of the first framework version.</param>
public sealed record TenantRequest(string? Name, string? RatingScheme);

public sealed record MoveRequest(string? ParentCode);
