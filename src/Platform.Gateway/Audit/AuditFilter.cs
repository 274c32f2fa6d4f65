using Microsoft.AspNetCore.Http.HttpResults;
using Platform.Contracts.Hierarchy;
using Platform.Contracts.Identity;
using Platform.Domain.Audit;
using Platform.Domain.Hierarchy;
using Platform.Domain.Identity;
using Platform.Domain.Tenancy;
using Platform.Gateway.Identity;
using Platform.Gateway.Infrastructure;

namespace Platform.Gateway.Audit;

/// <summary>
/// The one place writes in a tenant are audited: every POST, PUT, PATCH or DELETE under <c>/api/v1/tenants/{tenant}</c>
/// that its route handled becomes one line (operation, target, caller, outcome, before and after), stored before the
/// answer leaves. Refusals the route decided (400 naming a field, 404, 409, 412, 428) are lines too, with their status:
/// who tried to change what and was turned away is part of the record. Requests refused before the route ran
/// (malformed or oversized bodies, an unknown tenant, rate limits, form posts) are not: they name no operation on a
/// target, and recording them would let anyone fill a tenant's log. Nor are requests of callers who are not of the
/// tenant (anonymous, another tenant's accounts): they are refused before any of the tenant's grains is touched, and
/// a log another tenant could write into would not be the tenant's record.
/// </summary>
internal sealed class AuditFilter(AuditSink sink, NodeAncestry ancestry, TenantDirectory tenants) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        var caller = http.Caller();
        var ownAccount = http.GetEndpoint()?.Metadata.GetMetadata<AuditsOwnAccount>() is not null;
        var tenant = ownAccount ? caller?.Tenant : http.Request.RouteValues["tenant"] as string;
        if (!IsWrite(http.Request.Method) || tenant is null || TenantIds.Problem(tenant) is not null
            || caller is null || (caller.Tenant != tenant && caller.Role != Role.Operator))
        {
            return await next(context);
        }

        var code = http.Request.RouteValues["code"] is string c && NodeCodes.IsWellFormed(c) ? c : null;
        var reparents = http.GetEndpoint()?.Metadata.GetMetadata<ReparentsNodes>() is not null;

        // The node's ancestry is looked up while the write runs, not after it, so the line adds no grain call to the
        // answer's time; before a move, though, since that is where the node was.
        var looked = code is null ? Task.FromResult<IReadOnlyList<string>>([]) : ancestry.OfAsync(tenant, code);
        if (reparents)
        {
            await looked;
        }

        object? result;
        try
        {
            result = await next(context);
        }
        catch (Exception exception)
        {
            var (status, title, _) = ProblemExceptionHandler.Classify(exception);
            await RecordAsync(context, caller, tenant, code, await OrNone(looked), [], status, null, (null, title));
            throw;
        }

        var (resultStatus, value) = Unwrap(result);
        if (resultStatus >= 400 && !await tenants.ExistsAsync(tenant))
        {
            await OrNone(looked);
            return result;
        }

        var place = await looked;
        IReadOnlyList<string> formerPlace = [];
        if (reparents && resultStatus < 400)
        {
            if (code is null)
            {
                ancestry.ForgetAll();
            }
            else
            {
                ancestry.Forget(tenant, code);
                (formerPlace, place) = (place, await ancestry.OfAsync(tenant, code));
            }
        }

        await RecordAsync(context, caller, tenant, code, place, formerPlace, resultStatus, value, AuditSummaries.Of(value));
        return result;
    }

    private async Task RecordAsync(
        EndpointFilterInvocationContext context, Caller caller, string tenant, string? code, IReadOnlyList<string> place,
        IReadOnlyList<string> formerPlace, int status, object? value, (string? Before, string? After) summary)
    {
        var http = context.HttpContext;

        // A move's line is in the old place's subtree too; the chain still ends with the node itself.
        var chain = formerPlace.Count == 0 || place.Count == 0 ? place : [.. place.SkipLast(1), .. formerPlace.Except(place), place[^1]];
        var operation = http.GetEndpoint() is { } endpoint ? OperationIds.Of(endpoint) ?? http.Request.Method : http.Request.Method;
        var target = AuditTargets.Of(http, value);
        await sink.AppendAsync(tenant, Contracts.Audit.AuditTrail.Line(caller, operation, target, code, chain, status, summary.Before, summary.After));
    }

    /// <summary>The ancestry, or none when looking it up failed too: the request's own failure is the one to report.</summary>
    private static async Task<IReadOnlyList<string>> OrNone(Task<IReadOnlyList<string>> ancestry)
    {
        try
        {
            return await ancestry;
        }
        catch (Exception exception) when (exception is not OutOfMemoryException)
        {
            return [];
        }
    }

    private static (int Status, object? Value) Unwrap(object? result)
    {
        while (result is INestedHttpResult nested)
        {
            result = nested.Result;
        }

        var status = result is IStatusCodeHttpResult { StatusCode: { } code } ? code : StatusCodes.Status200OK;
        return (status, result is IValueHttpResult valued ? valued.Value : null);
    }

    private static bool IsWrite(string method) =>
        HttpMethods.IsPost(method) || HttpMethods.IsPut(method) || HttpMethods.IsPatch(method) || HttpMethods.IsDelete(method);
}
