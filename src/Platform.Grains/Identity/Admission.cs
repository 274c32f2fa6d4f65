using Platform.Contracts;
using Platform.Contracts.Identity;
using Platform.Domain.Identity;

namespace Platform.Grains.Identity;

/// <summary>
/// The grains' own check of who is calling (defence in depth): the gateway checks every route before it calls a grain,
/// and the grains that change official data check the caller that travels with the call (<see cref="CallerContext"/>)
/// again, so an endpoint that forgets its check still cannot write across a tenant or beyond a role.
/// </summary>
/// <param name="Caller">Who is calling, when admitted.</param>
/// <param name="Refusal">Why not, otherwise.</param>
public sealed record Admission(Caller? Caller, string? Refusal)
{
    public bool Admitted => Caller is not null;

    /// <summary>The caller of the current grain call when it may do <paramref name="operation"/> in
    /// <paramref name="tenant"/>: no caller is refused, so is another tenant's, so is a role the rules do not allow.
    /// Where inside the tenant is for the grain to judge, since only it knows where its target lies.</summary>
    public static Admission Of(string tenant, Operation operation)
    {
        if (CallerContext.Current is not { } caller)
        {
            return new(null, $"nobody is named as making this change; {AccessRules.Describe(operation)} needs a signed-in caller (or, for the platform's own work, Caller.System)");
        }

        if (caller.IsPlatform)
        {
            return caller.Tenant == tenant && AccessRules.Permits(caller.Role, operation, platform: true)
                ? new(caller, null)
                : new(null, "the platform's own work acts only inside the tenant it runs for");
        }

        if (operation == Operation.ManageTenants)
        {
            return caller is { Role: Role.Operator, Tenant: null } ? new(caller, null) : new(null, AccessRules.Refusal(caller.Role, operation));
        }

        if (caller.Tenant != tenant)
        {
            return new(null, "your account belongs to another tenant; sign in with an account of the tenant you are changing");
        }

        return AccessRules.Permits(caller.Role, operation) ? new(caller, null) : new(null, AccessRules.Refusal(caller.Role, operation));
    }

    /// <summary>The refusal as the outcome a command answers (403).</summary>
    public Outcome<T> Refused<T>() => Outcome<T>.Fail(Failure.Forbidden, Refusal ?? "not allowed");

    /// <summary>The audit's name for the admitted caller.</summary>
    public string Actor => Caller?.AuditName ?? throw new InvalidOperationException("not admitted");
}
