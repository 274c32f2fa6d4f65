using Microsoft.AspNetCore.Http.HttpResults;
using Platform.Contracts;
using Platform.Contracts.Identity;
using Platform.Domain.Identity;
using Platform.Domain.Text;
using Platform.Gateway.Access;
using Platform.Gateway.Api;
using Platform.Gateway.Identity;
using Platform.Gateway.Infrastructure;

namespace Platform.Gateway.Endpoints;

/// <summary>A tenant's accounts (账号管理): create, list, read, reset a password, suspend and resume.</summary>
internal static class AccountEndpoints
{
    private const long MaxBodyBytes = 4 * 1024;
    private const int MaxPageSize = 200;
    private const long MaxCsvBytes = 1024 * 1024;

    public static RouteGroupBuilder MapAccountEndpoints(this RouteGroupBuilder tenant)
    {
        // The filter admits the tenant's admins; which accounts each manages is AccountAuthority's to say.
        var accounts = tenant.MapGroup("/accounts").WithTags("Accounts").Requires(Operation.ManageAccounts);
        accounts.MapPost("/", Create)
            .WithSummary("Create an account with a role and a scope node; the answer holds its one-time password, shown once")
            .WithDescription("A tenant admin creates any account of its tenant; a region admin only accounts scoped inside its region, and no admin at or above it. The person must change the one-time password at the first sign-in.")
            .WithMetadata(new Microsoft.AspNetCore.Mvc.RequestSizeLimitAttribute(MaxBodyBytes))
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status409Conflict);
        accounts.MapPost("/secretaries", CreateSecretaries)
            .WithSummary("Create one branch secretary per branch from CSV (branchCode,username,displayName; UTF-8); each row answers its one-time password or why it was rejected, with its line")
            .WithDescription("A region admin may name only branches inside its region. The one-time passwords are shown in this answer only (it is not cached); each secretary must change theirs at the first sign-in. At most 5,000 rows per file.")
            .Accepts<string>("text/csv")
            .WithMetadata(new Microsoft.AspNetCore.Mvc.RequestSizeLimitAttribute(MaxCsvBytes))
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status403Forbidden);
        accounts.MapGet("/", List)
            .WithSummary("The accounts you manage, by username, paged (page from 1, pageSize up to 200)")
            .ProducesProblem(StatusCodes.Status403Forbidden);
        accounts.MapGet("/{username}", Get)
            .WithSummary("One account you manage")
            .ProducesProblem(StatusCodes.Status404NotFound);
        accounts.MapPost("/{username}/password-reset", ResetPassword)
            .WithSummary("Give an account a new one-time password (shown once); it must be changed at the next sign-in, and every session ends")
            .ProducesProblem(StatusCodes.Status404NotFound);
        accounts.MapPost("/{username}/suspend", Suspend)
            .WithSummary("Suspend (停用) an account: it can no longer sign in or refresh; nothing is deleted")
            .ProducesProblem(StatusCodes.Status404NotFound);
        accounts.MapPost("/{username}/resume", Resume)
            .WithSummary("Resume a suspended account")
            .ProducesProblem(StatusCodes.Status404NotFound);
        return tenant;
    }

    private static async Task<Results<Created<AccountWithPasswordDto>, ProblemHttpResult>> Create(
        string tenant, CreateAccountRequest request, HttpContext http, AccountAuthority authority, AccountProvisioning provisioning)
    {
        var caller = http.Caller()!;
        if (!AccountAuthority.AdministersAccounts(caller, tenant))
        {
            return Problems.Forbidden($"only tenant '{tenant}''s admins manage its accounts");
        }

        var errors = new List<Domain.Hierarchy.FieldError>();
        if (Usernames.Problem(request.Username) is { } usernameProblem)
        {
            errors.Add(new("username", usernameProblem));
        }

        if (TextRules.Problem(request.DisplayName, Grains.Identity.AccountGrain.MaxDisplayNameLength) is { } nameProblem)
        {
            errors.Add(new("displayName", nameProblem));
        }

        if (!Roles.TryParse(request.Role, out var role) || role == Role.Operator)
        {
            errors.Add(new("role", "must be one of tenantAdmin, regionAdmin, branchSecretary, reviewer, viewer"));
        }

        if (string.IsNullOrEmpty(request.ScopeCode))
        {
            errors.Add(new("scopeCode", "is required: the node whose subtree the account sees"));
        }

        if (errors.Count > 0)
        {
            return Problems.Invalid(errors);
        }

        if (await authority.RefusalAsync(caller, tenant, role, request.ScopeCode) is { } refusal)
        {
            return Problems.Forbidden(refusal);
        }

        var created = await provisioning.CreateAsync(tenant, new AccountDraft(request.Username!, request.DisplayName!, role, request.ScopeCode), mustChangePassword: true);
        if (!created.Succeeded)
        {
            return Problems.Of(created);
        }

        var issued = created.Value!;
        http.Response.Headers.CacheControl = "no-store";
        return TypedResults.Created($"/api/v1/tenants/{tenant}/accounts/{Usernames.Normalise(issued.Account.Username)}",
            new AccountWithPasswordDto(AccountDto.From(issued.Account), issued.Password));
    }

    private static async Task<Results<Ok<SecretaryBatchDto>, ProblemHttpResult>> CreateSecretaries(
        string tenant, HttpContext http, SecretaryBatch batch, CancellationToken cancellationToken)
    {
        var caller = http.Caller()!;
        if (!AccountAuthority.AdministersAccounts(caller, tenant))
        {
            return Problems.Forbidden($"only tenant '{tenant}''s admins manage its accounts");
        }

        if (http.Request.ContentType is { } type && !type.StartsWith("text/csv", StringComparison.OrdinalIgnoreCase) && !type.StartsWith("text/plain", StringComparison.OrdinalIgnoreCase))
        {
            return TypedResults.Problem($"send the file as text/csv, not {type}", statusCode: StatusCodes.Status415UnsupportedMediaType, title: "Unsupported media type");
        }

        using var reader = new StreamReader(http.Request.Body, new System.Text.UTF8Encoding(false, throwOnInvalidBytes: true), detectEncodingFromByteOrderMarks: true, leaveOpen: true);
        IReadOnlyList<SecretaryRow>? rows;
        string? problem;
        try
        {
            (rows, problem) = await batch.CreateAsync(caller, tenant, reader, cancellationToken);
        }
        catch (Imports.ImportFileException exception)
        {
            (rows, problem) = (null, exception.Message);
        }

        if (rows is null)
        {
            return Problems.Invalid("file", problem!);
        }

        http.Response.Headers.CacheControl = "no-store";
        return TypedResults.Ok(new SecretaryBatchDto(rows.Count(r => r.Status == "created"), rows.Count(r => r.Status == "rejected"), rows));
    }

    private static async Task<Results<Ok<AccountPageDto>, ProblemHttpResult>> List(
        string tenant, HttpContext http, IGrainFactory grains, AccountAuthority authority, int? page, int? pageSize)
    {
        var caller = http.Caller()!;
        if (!AccountAuthority.AdministersAccounts(caller, tenant))
        {
            return Problems.Forbidden($"only tenant '{tenant}''s admins manage its accounts");
        }

        if (page is < 1)
        {
            return Problems.Invalid("page", "must be 1 or more");
        }

        if (pageSize is < 1 or > MaxPageSize)
        {
            return Problems.Invalid("pageSize", $"must be 1-{MaxPageSize}");
        }

        var entries = await grains.GetGrain<IAccountDirectoryGrain>(GrainKeys.AccountDirectory(tenant)).List();
        var visible = new List<AccountEntry>();
        foreach (var entry in entries)
        {
            if (await authority.RefusalAsync(caller, tenant, entry.Role, entry.ScopeCode) is null)
            {
                visible.Add(entry);
            }
        }

        var (number, size) = (page ?? 1, pageSize ?? 50);
        var views = await Task.WhenAll(visible.Skip((number - 1) * size).Take(size)
            .Select(entry => grains.GetGrain<IAccountGrain>(GrainKeys.Account(tenant, entry.Username)).Get()));
        return TypedResults.Ok(new AccountPageDto(number, size, visible.Count, views.OfType<AccountView>().Select(AccountDto.From).ToList()));
    }

    private static async Task<Results<Ok<AccountDto>, ProblemHttpResult>> Get(
        string tenant, string username, HttpContext http, IGrainFactory grains, AccountAuthority authority)
    {
        var (view, problem) = await ManagedAccountAsync(tenant, username, http, grains, authority);
        return view is null ? problem! : TypedResults.Ok(AccountDto.From(view));
    }

    private static async Task<Results<Ok<AccountWithPasswordDto>, ProblemHttpResult>> ResetPassword(
        string tenant, string username, HttpContext http, IGrainFactory grains, AccountAuthority authority, AccountProvisioning provisioning)
    {
        var (view, problem) = await ManagedAccountAsync(tenant, username, http, grains, authority);
        if (view is null)
        {
            return problem!;
        }

        var reset = await provisioning.ResetAsync(tenant, username);
        if (!reset.Succeeded)
        {
            return Problems.Of(reset);
        }

        http.Response.Headers.CacheControl = "no-store";
        return TypedResults.Ok(new AccountWithPasswordDto(AccountDto.From(reset.Value!.Account), reset.Value.Password));
    }

    private static Task<Results<Ok<AccountDto>, ProblemHttpResult>> Suspend(
        string tenant, string username, HttpContext http, IGrainFactory grains, AccountAuthority authority) =>
        SetSuspendedAsync(tenant, username, true, http, grains, authority);

    private static Task<Results<Ok<AccountDto>, ProblemHttpResult>> Resume(
        string tenant, string username, HttpContext http, IGrainFactory grains, AccountAuthority authority) =>
        SetSuspendedAsync(tenant, username, false, http, grains, authority);

    private static async Task<Results<Ok<AccountDto>, ProblemHttpResult>> SetSuspendedAsync(
        string tenant, string username, bool suspended, HttpContext http, IGrainFactory grains, AccountAuthority authority)
    {
        var (view, problem) = await ManagedAccountAsync(tenant, username, http, grains, authority);
        if (view is null)
        {
            return problem!;
        }

        var changed = await grains.GetGrain<IAccountGrain>(GrainKeys.Account(tenant, username)).SetSuspended(suspended);
        return changed.Succeeded ? TypedResults.Ok(AccountDto.From(changed.Value!)) : Problems.Of(changed);
    }

    /// <summary>The account, when it exists and the caller manages it. One 404 for both otherwise, so an account
    /// outside the caller's reach cannot be told from one that does not exist.</summary>
    private static async Task<(AccountView? View, ProblemHttpResult? Problem)> ManagedAccountAsync(
        string tenant, string username, HttpContext http, IGrainFactory grains, AccountAuthority authority)
    {
        var caller = http.Caller()!;
        if (!AccountAuthority.AdministersAccounts(caller, tenant))
        {
            return (null, Problems.Forbidden($"only tenant '{tenant}''s admins manage its accounts"));
        }

        var notFound = Problems.NotFound($"there is no account '{username}' that you manage in tenant '{tenant}'");
        if (Usernames.Problem(username) is not null)
        {
            return (null, notFound);
        }

        var view = await grains.GetGrain<IAccountGrain>(GrainKeys.Account(tenant, username)).Get();
        if (view is null || view.AccountId == caller.AccountId || await authority.RefusalAsync(caller, tenant, view.Role, view.ScopeCode) is not null)
        {
            return (null, notFound);
        }

        return (view, null);
    }
}
