namespace Platform.Contracts;

/// <summary>
/// The one place grain keys are built. Every key starts with the tenant, so no grain of one tenant can be addressed
/// from another, and contains a '/', so the ADO.NET storage never parses a code such as "020235" as an integer key.
/// </summary>
public static class GrainKeys
{
    private const string NodeInfix = "/node/";
    private const string CampaignInfix = "/campaign/";
    private const string EntryInfix = "/entry/";
    private const string TallyInfix = "/tally/";
    private const string ImportInfix = "/import/";

    public static string Tenant(string tenant) => $"{tenant}/tenant";

    /// <summary>Where what belongs to no tenant lives (operators, the tenant registry): no tenant id can start with '_'.</summary>
    public const string PlatformSpace = "_platform";

    /// <summary>An account, by its username as stored (<see cref="Domain.Identity.Usernames.Normalise"/>); an
    /// operator's (no tenant) under <see cref="PlatformSpace"/>.</summary>
    public static string Account(string? tenant, string username) =>
        $"{tenant ?? PlatformSpace}/account/{Domain.Identity.Usernames.Normalise(username)}";

    /// <summary>A tenant's external OpenID Connect provider.</summary>
    public static string ExternalProvider(string tenant) => $"{tenant}/identity-provider";

    /// <summary>The list of a tenant's accounts (or of the operators').</summary>
    public static string AccountDirectory(string? tenant) => $"{tenant ?? PlatformSpace}/accounts";

    /// <summary>A piece of work the cluster does once on its first start (<c>operator</c>, <c>demo-seed</c>); under
    /// '_platform', which no tenant can reach.</summary>
    public static string FirstStart(string job) => $"_platform/first-start/{job}";

    /// <summary>The deployment's list of tenants; no tenant id can start with '_', so no tenant can reach it.</summary>
    public const string TenantRegistry = "_platform/tenants";

    public static string Framework(string tenant) => $"{tenant}/framework";

    /// <summary>One published framework version, in a record of its own.</summary>
    public static string FrameworkVersion(string tenant, int version) =>
        $"{tenant}/framework/{version.ToString(System.Globalization.CultureInfo.InvariantCulture)}";

    public static string Node(string tenant, string code) => $"{tenant}{NodeInfix}{code}";

    /// <summary>An archived page of a branch's rating history.</summary>
    public static string RatingHistoryPage(string tenant, string code, int page) =>
        $"{tenant}/rating-history/{code}/{page.ToString(System.Globalization.CultureInfo.InvariantCulture)}";

    public static string CampaignDirectory(string tenant) => $"{tenant}/campaigns";

    public static string Campaign(string tenant, string campaignId) => $"{tenant}{CampaignInfix}{campaignId}";

    /// <summary>One branch's part in one campaign.</summary>
    public static string CampaignEntry(string tenant, string campaignId, string branchCode) =>
        $"{tenant}{CampaignInfix}{campaignId}{EntryInfix}{branchCode}";

    /// <summary>A school's or region's campaign progress (see <c>CampaignRoster.ScopeRoot</c> for the campaign-wide one).</summary>
    public static string CampaignTally(string tenant, string campaignId, string code) =>
        $"{tenant}{CampaignInfix}{campaignId}{TallyInfix}{code}";

    /// <summary>The report of one import (see <c>IImportReportGrain</c>).</summary>
    public static string Import(string tenant, string importId) => $"{tenant}{ImportInfix}{importId}";

    /// <summary>One chunk of an import's stored rejections, numbered from 0.</summary>
    public static string ImportRejections(string tenant, string importId, int chunk) =>
        $"{tenant}{ImportInfix}{importId}/rejections/{chunk}";

    /// <summary>The official ratings a campaign's final set and the changes made to them since.</summary>
    public static string OfficialRatings(string tenant, string campaignId) => $"{tenant}{CampaignInfix}{campaignId}/official/ratings";

    /// <summary>The tenant's audit log: its open page and the newest part of its index.</summary>
    public static string AuditLog(string tenant) => $"{tenant}/audit";

    /// <summary>One sealed page of the tenant's audit log, numbered from 0.</summary>
    public static string AuditPage(string tenant, int page) =>
        $"{tenant}/audit/page/{page.ToString(System.Globalization.CultureInfo.InvariantCulture)}";

    /// <summary>One sealed chunk of the audit log's index of pages, numbered from 0.</summary>
    public static string AuditIndex(string tenant, int chunk) =>
        $"{tenant}/audit/index/{chunk.ToString(System.Globalization.CultureInfo.InvariantCulture)}";

    /// <summary>Splits a campaign, entry or tally key into its tenant, campaign id and (for the latter two) code.</summary>
    public static (string Tenant, string CampaignId, string? Code) ParseCampaign(string key)
    {
        var at = key.IndexOf(CampaignInfix, StringComparison.Ordinal);
        if (at <= 0)
        {
            throw new ArgumentException($"'{key}' is not a campaign key", nameof(key));
        }

        var rest = key[(at + CampaignInfix.Length)..];
        var slash = rest.IndexOf('/', StringComparison.Ordinal);
        if (slash < 0)
        {
            return (key[..at], rest, null);
        }

        var second = rest.IndexOf('/', slash + 1);
        return (key[..at], rest[..slash], rest[(second + 1)..]);
    }

    public static (string Tenant, string Code) ParseNode(string key)
    {
        var at = key.IndexOf(NodeInfix, StringComparison.Ordinal);
        if (at <= 0)
        {
            throw new ArgumentException($"'{key}' is not a node key", nameof(key));
        }

        return (key[..at], key[(at + NodeInfix.Length)..]);
    }

    /// <summary>Splits an import's key into its tenant and import id.</summary>
    public static (string Tenant, string ImportId) ParseImport(string key)
    {
        var at = key.IndexOf(ImportInfix, StringComparison.Ordinal);
        if (at <= 0)
        {
            throw new ArgumentException($"'{key}' is not an import key", nameof(key));
        }

        return (key[..at], key[(at + ImportInfix.Length)..]);
    }

    public static string TenantOf(string key) => key[..key.IndexOf('/', StringComparison.Ordinal)];
}
