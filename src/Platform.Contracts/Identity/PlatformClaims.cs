namespace Platform.Contracts.Identity;

/// <summary>The claims of the platform's access tokens, and what an external provider's claims are mapped onto.</summary>
public static class PlatformClaims
{
    /// <summary>The account id (JWT <c>sub</c>).</summary>
    public const string Subject = "sub";

    public const string Username = "name";

    /// <summary>The tenant id; absent for the operator.</summary>
    public const string Tenant = "tenant";

    /// <summary>One of <c>Roles.ApiNames</c>.</summary>
    public const string Role = "role";

    /// <summary>The scope node's code.</summary>
    public const string Scope = "scope";
}
