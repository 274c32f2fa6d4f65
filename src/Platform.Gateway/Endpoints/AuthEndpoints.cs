using Microsoft.AspNetCore.Http.HttpResults;
using Platform.Contracts;
using Platform.Contracts.Identity;
using Platform.Contracts.Tenancy;
using Platform.Domain.Identity;
using Platform.Domain.Tenancy;
using Platform.Gateway.Access;
using Platform.Gateway.Api;
using Platform.Gateway.Audit;
using Platform.Gateway.Identity;
using Platform.Gateway.Infrastructure;

namespace Platform.Gateway.Endpoints;

/// <summary>Sign-in, refresh, sign-out and password change (登录、续期、退出、改密).</summary>
internal static class AuthEndpoints
{
    private const long MaxBodyBytes = 4 * 1024;

    /// <summary>One answer for an unknown tenant, an unknown username and a wrong password, so none can be told apart.</summary>
    private const string WrongCredentials = "the tenant, username or password is wrong; check all three (the operator leaves the tenant out)";

    public static RouteGroupBuilder MapAuthEndpoints(this RouteGroupBuilder auth)
    {
        auth.MapPost("/sign-in", SignIn)
            .Public("anyone: this is where a token comes from")
            .WithSummary("Sign in with a tenant, username and password; answers an access token and a refresh token")
            .WithDescription("Leave the tenant out to sign in as the platform operator. A wrong tenant, username or password all answer the same 401. After 5 wrong passwords in a row the account is locked for 15 minutes (423, with Retry-After). When mustChangePassword is true the access token only serves POST /api/v1/auth/password.")
            .WithMetadata(new Microsoft.AspNetCore.Mvc.RequestSizeLimitAttribute(MaxBodyBytes))
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status423Locked);
        auth.MapPost("/refresh", Refresh)
            .Public("whoever holds a refresh token, which is the credential")
            .WithSummary("Swap a refresh token for a new access token and a new refresh token; the old one stops working")
            .WithMetadata(new Microsoft.AspNetCore.Mvc.RequestSizeLimitAttribute(MaxBodyBytes))
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden);
        auth.MapPost("/sign-out", SignOut)
            .Public("whoever holds the refresh token it ends")
            .WithSummary("Sign out: the refresh token stops working (the access token expires on its own within minutes)")
            .WithMetadata(new Microsoft.AspNetCore.Mvc.RequestSizeLimitAttribute(MaxBodyBytes))
            .ProducesValidationProblem();
        auth.MapPost("/password", ChangePassword)
            .RequireAuthorization()
            .WithMetadata(AuditsOwnAccount.Instance)
            .AddEndpointFilter<AuditFilter>()
            .Declares("any signed-in account, for its own password (also with a one-time password's token)",
                Role.Operator, Role.TenantAdmin, Role.RegionAdmin, Role.BranchSecretary, Role.Reviewer, Role.Viewer)
            .WithSummary("Change your own password; every other session ends, and the answer is a fresh sign-in")
            .WithMetadata(new Microsoft.AspNetCore.Mvc.RequestSizeLimitAttribute(MaxBodyBytes))
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status409Conflict);
        return auth;
    }

    private static async Task<Results<Ok<TokenResponse>, ProblemHttpResult>> SignIn(
        SignInRequest request, IGrainFactory grains, AccessTokens tokens, TenantDirectory tenants, HttpResponse response)
    {
        var errors = new List<Domain.Hierarchy.FieldError>();
        if (string.IsNullOrEmpty(request.Username))
        {
            errors.Add(new("username", "is required"));
        }

        if (string.IsNullOrEmpty(request.Password))
        {
            errors.Add(new("password", "is required"));
        }

        if (errors.Count > 0)
        {
            return Problems.Invalid(errors);
        }

        var tenant = string.IsNullOrEmpty(request.Tenant) ? null : request.Tenant;
        if ((tenant is not null && TenantIds.Problem(tenant) is not null) || Usernames.Problem(request.Username) is not null
            || request.Password!.Length > PasswordPolicy.MaxLength)
        {
            // Could never match an account; answered like any other wrong sign-in rather than with the rule it breaks.
            return Unauthorized(WrongCredentials);
        }

        var account = grains.GetGrain<IAccountGrain>(GrainKeys.Account(tenant, request.Username!));
        var answer = await account.SignIn(request.Password);
        return await GrantAsync(answer, WrongCredentials, account, grains, tokens, tenants, response);
    }

    private static async Task<Results<Ok<TokenResponse>, ProblemHttpResult>> Refresh(
        RefreshRequest request, IGrainFactory grains, AccessTokens tokens, TenantDirectory tenants, HttpResponse response)
    {
        if (string.IsNullOrEmpty(request.RefreshToken))
        {
            return Problems.Invalid("refreshToken", "is required");
        }

        if (!RefreshTokens.TryParse(request.RefreshToken, out var tenant, out var username, out var secret))
        {
            return Unauthorized(StaleRefreshToken);
        }

        var account = grains.GetGrain<IAccountGrain>(GrainKeys.Account(tenant, username));
        return await GrantAsync(await account.Refresh(secret), StaleRefreshToken, account, grains, tokens, tenants, response);
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> SignOut(RefreshRequest request, IGrainFactory grains)
    {
        if (string.IsNullOrEmpty(request.RefreshToken))
        {
            return Problems.Invalid("refreshToken", "is required");
        }

        // An unknown or already-revoked token answers the same: signing out twice is not an error, and the answer
        // must not reveal which tokens were ever valid.
        if (RefreshTokens.TryParse(request.RefreshToken, out var tenant, out var username, out var secret))
        {
            await grains.GetGrain<IAccountGrain>(GrainKeys.Account(tenant, username)).SignOut(secret);
        }

        return TypedResults.NoContent();
    }

    private static async Task<Results<Ok<TokenResponse>, ProblemHttpResult>> ChangePassword(
        ChangePasswordRequest request, HttpContext http, IGrainFactory grains, AccessTokens tokens, TenantDirectory tenants)
    {
        var caller = http.Caller()!;
        var errors = new List<Domain.Hierarchy.FieldError>();
        if (string.IsNullOrEmpty(request.CurrentPassword))
        {
            errors.Add(new("currentPassword", "is required"));
        }

        if (string.IsNullOrEmpty(request.NewPassword))
        {
            errors.Add(new("newPassword", "is required"));
        }

        if (errors.Count > 0)
        {
            return Problems.Invalid(errors);
        }

        var account = grains.GetGrain<IAccountGrain>(GrainKeys.Account(caller.Tenant, caller.Username));
        var changed = await account.ChangePassword(request.CurrentPassword!, request.NewPassword!);
        if (!changed.Succeeded)
        {
            return changed.Failure == Failure.NotFound
                ? Unauthorized("this account has no password here (it signs in through its tenant's identity provider, or it no longer exists)")
                : Problems.Of(changed);
        }

        return await GrantAsync(changed.Value!, WrongCredentials, account, grains, tokens, tenants, http.Response);
    }

    private const string StaleRefreshToken = "the refresh token is not valid: it expired, was revoked by signing out or a password change, or was already used; sign in again";

    private static async Task<Results<Ok<TokenResponse>, ProblemHttpResult>> GrantAsync(
        SignInAnswer answer, string refused, IAccountGrain account, IGrainFactory grains, AccessTokens tokens, TenantDirectory tenants, HttpResponse response)
    {
        switch (answer.Verdict)
        {
            case SignInVerdict.Locked:
                var seconds = Math.Max(1, (int)Math.Ceiling((answer.LockedUntil!.Value - DateTimeOffset.UtcNow).TotalSeconds));
                response.Headers.RetryAfter = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
                return TypedResults.Problem(
                    $"the account is locked after too many wrong passwords until {answer.LockedUntil:yyyy-MM-dd HH:mm:ss} UTC; try again then, or ask an administrator to reset the password",
                    statusCode: StatusCodes.Status423Locked, title: "Account locked");
            case SignInVerdict.Suspended:
                return TypedResults.Problem("this account is suspended; ask your administrator to resume it",
                    statusCode: StatusCodes.Status403Forbidden, title: "Account suspended");
            case SignInVerdict.Refused:
                return Unauthorized(refused);
        }

        var view = answer.Account!;
        if (view.Tenant is { } tenant && await tenants.IsSuspendedAsync(tenant))
        {
            await account.SignOut(answer.RefreshSecret!);
            return TypedResults.Problem(TenantDirectory.SuspendedDetail(tenant), statusCode: StatusCodes.Status403Forbidden, title: "Tenant suspended");
        }

        var caller = view.ToCaller();
        if (caller is { Role: Role.TenantAdmin, ScopeCode: null, Tenant: { } own })
        {
            // Created with its tenant before the province was imported: its scope is the province once there is one.
            var info = await grains.GetGrain<ITenantGrain>(GrainKeys.Tenant(own)).Get();
            caller = caller with { ScopeCode = info?.RootCode };
        }

        response.Headers.CacheControl = "no-store";
        return TypedResults.Ok(new TokenResponse(
            tokens.Issue(caller, view.MustChangePassword), "Bearer", (int)tokens.Lifetime.TotalSeconds,
            RefreshTokens.Compose(view.Tenant, Usernames.Normalise(view.Username), answer.RefreshSecret!), view.MustChangePassword));
    }

    private static ProblemHttpResult Unauthorized(string detail) =>
        TypedResults.Problem(detail, statusCode: StatusCodes.Status401Unauthorized, title: "Not signed in");
}
