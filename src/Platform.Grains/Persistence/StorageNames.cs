namespace Platform.Grains.Persistence;

/// <summary>
/// Names of the grain storage provider and of each grain's state. The ADO.NET provider keys a row by grain key and
/// state name, not by grain class, so every grain class must have a state name of its own.
/// </summary>
public static class StorageNames
{
    public const string Provider = "platform";

    public const string Node = "node";
    public const string RatingHistoryPage = "rating-history";
    public const string Tenant = "tenant";
    public const string TenantRegistry = "tenants";

    /// <summary>A piece of first-start work's claim: who does it, until when, whether it is done.</summary>
    public const string FirstStart = "firstStart";
    public const string Framework = "framework";

    /// <summary>One framework version, written once when it is published.</summary>
    public const string FrameworkVersion = "frameworkVersion";
    public const string CampaignDirectory = "campaigns";
    public const string Campaign = "campaign";

    /// <summary>A campaign's roster, written once when self-assessment opens, apart from the small state that changes.</summary>
    public const string CampaignRoster = "roster";
    public const string CampaignEntry = "entry";

    /// <summary>Changes to a final campaign's official ratings (veto events, corrections).</summary>
    public const string OfficialRatings = "official";

    /// <summary>The quota candidates of a campaign's final, written once per run of final.</summary>
    public const string CampaignResults = "results";

    /// <summary>An import's report; its rejections are stored apart, in chunks.</summary>
    public const string ImportReport = "import";
    public const string ImportRejections = "importRejections";

    public const string Account = "account";
    public const string AccountDirectory = "accounts";
    public const string ExternalProvider = "identityProvider";

    /// <summary>A tenant's audit log: the open page and the newest part of the index; sealed pages and index chunks apart.</summary>
    public const string AuditLog = "audit";
    public const string AuditPage = "auditPage";
    public const string AuditIndex = "auditIndex";
}
