namespace Platform.Contracts.Identity;

/// <summary>
/// A tenant's own OpenID Connect provider (统一身份认证): the gateway accepts its tokens on that tenant's routes, mapping
/// their claims onto the platform's.
/// </summary>
/// <param name="Authority">The issuer; its discovery document is at <c>{Authority}/.well-known/openid-configuration</c>.</param>
/// <param name="Audience">The <c>aud</c> its tokens must carry for this platform.</param>
/// <param name="UsernameClaim">The claim that names the person (e.g. <c>preferred_username</c>).</param>
/// <param name="RoleClaim">The claim whose value says the role.</param>
/// <param name="RoleValues">The role claim's values and the platform role each means (e.g. <c>dj-admin → tenantAdmin</c>);
/// a value not listed signs nobody in.</param>
/// <param name="ScopeClaim">The claim that holds the code of the account's scope node.</param>
[GenerateSerializer, Immutable, Alias("ExternalProvider")]
public sealed record ExternalProvider(
    [property: Id(0)] string Authority,
    [property: Id(1)] string Audience,
    [property: Id(2)] string UsernameClaim,
    [property: Id(3)] string RoleClaim,
    [property: Id(4)] IReadOnlyDictionary<string, string> RoleValues,
    [property: Id(5)] string ScopeClaim);
