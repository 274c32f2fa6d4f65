using Platform.Contracts;
using Platform.Contracts.Campaigns;
using Platform.Contracts.Framework;
using Platform.Contracts.Hierarchy;
using Platform.Contracts.Identity;
using Platform.Domain.Campaigns;

namespace Platform.Gateway.Access;

/// <summary>
/// How an endpoint of the tenant API reaches its grains: only what <see cref="AccessFilter"/> checked for this request
/// (the tenant in the route, the node, branch or campaign it addresses), so no endpoint repeats the checks or can reach
/// past them. A route whose check did not run, or did not check what is asked for, throws: a defect, never an answer.
/// </summary>
public sealed class TenantAccess
{
    private readonly HttpContext _http;

    private TenantAccess(HttpContext http) => _http = http;

    /// <summary>Minimal APIs bind it before filters run, so what was checked is read when first asked for.</summary>
    public static ValueTask<TenantAccess?> BindAsync(HttpContext http) => ValueTask.FromResult<TenantAccess?>(new TenantAccess(http));

    private AccessGrant Grant => _http.Features.Get<AccessGrant>()
        ?? throw new InvalidOperationException($"{_http.Request.Path} reached its endpoint without an access check");

    private IGrainFactory Factory => _http.RequestServices.GetRequiredService<IGrainFactory>();

    public Caller Caller => Grant.Caller;

    public string Tenant => Grant.Tenant;

    /// <summary>The node or branch code the route addresses, checked against the caller's scope; null for a campaign-wide read.</summary>
    public string? Code => Grant.Code;

    public string CampaignId => Grant.CampaignId ?? throw Unchecked("a campaign");

    /// <summary>The node the route addresses.</summary>
    public INodeGrain Node => Grant.Requirement.Target == AccessTarget.Node && Code is { } code
        ? Factory.GetGrain<INodeGrain>(GrainKeys.Node(Tenant, code))
        : throw Unchecked("a node");

    /// <summary>The campaign the route addresses (campaigns are the tenant's: their definitions are everybody's to read).</summary>
    public ICampaignGrain Campaign => Factory.GetGrain<ICampaignGrain>(GrainKeys.Campaign(Tenant, CampaignId));

    /// <summary>The campaign branch the route addresses.</summary>
    public ICampaignEntryGrain Entry => Grant.Requirement.Target == AccessTarget.CampaignBranch && Code is { } code
        ? Factory.GetGrain<ICampaignEntryGrain>(GrainKeys.CampaignEntry(Tenant, CampaignId, code))
        : throw Unchecked("a campaign branch");

    /// <summary>The progress of the region or school the route addresses, or of the whole campaign.</summary>
    public ICampaignTallyGrain Tally => Grant.Requirement.Target is AccessTarget.CampaignNode or AccessTarget.Province
        ? Factory.GetGrain<ICampaignTallyGrain>(GrainKeys.CampaignTally(Tenant, CampaignId, Code ?? CampaignRoster.ScopeRoot))
        : throw Unchecked("a campaign's progress");

    public IFrameworkGrain Framework => Factory.GetGrain<IFrameworkGrain>(GrainKeys.Framework(Tenant));

    /// <summary>The tenant's grains for what lies under a checked target (a campaign's progress tree, an import's
    /// chunks) or belongs to the tenant as a whole.</summary>
    public IGrainFactory Grains => Factory;

    /// <summary>Whether the caller's scope holds <paramref name="code"/>, for filtering a list.</summary>
    public ValueTask<bool> CoversAsync(string code) =>
        _http.RequestServices.GetRequiredService<AccessFilter>().CoversAsync(Caller, Tenant, code);

    private InvalidOperationException Unchecked(string what) =>
        new($"{_http.Request.Path} did not check {what} (its AccessRequirement is {Grant.Requirement.Target}), so it cannot reach one");
}
