namespace Platform.Domain.Identity;

/// <summary>
/// What a request or a grain command does (操作), as the access rules judge it: which roles may do it is
/// <see cref="AccessRules"/>'s, where they may do it is their scope's (docs/domain.md §1).
/// </summary>
public enum Operation
{
    /// <summary>Read a node, a branch, its assessment and history, or a campaign's part of it, inside the caller's scope.</summary>
    Read,

    /// <summary>Read what belongs to the whole tenant and reveals no node's data: the tenant, its framework, its campaigns'
    /// list and definitions.</summary>
    ReadTenantWide,

    /// <summary>Read across the whole province: campaign-wide progress, laggards, exports and audit, import reports.</summary>
    ReadProvinceWide,

    /// <summary>Create, suspend and resume tenants (the platform operator's alone).</summary>
    ManageTenants,

    /// <summary>Change the tenant's name or minimum publicity.</summary>
    ChangeTenant,

    PublishFramework,

    /// <summary>Define the hierarchy by CSV import.</summary>
    ImportHierarchy,

    MoveNode,

    CloseNode,

    /// <summary>A baseline assessment before any campaign (基础评定).</summary>
    RecordBaseline,

    /// <summary>A veto event during the year (一票否决).</summary>
    RecordVeto,

    /// <summary>A correction of an official rating (更正).</summary>
    CorrectRating,

    CreateCampaign,

    AdvanceCampaign,

    /// <summary>A branch's self-assessment (自评).</summary>
    SelfAssess,

    /// <summary>The supervising region's review (审核).</summary>
    Review,

    /// <summary>The cross-region check (交叉检查) by the reviewers of the city assigned the branch.</summary>
    CrossCheck,

    /// <summary>A branch's appeal (申诉) during publicity.</summary>
    Appeal,

    DecideAppeal,

    /// <summary>Create, reset, suspend and resume accounts (账号管理).</summary>
    ManageAccounts,

    /// <summary>Read the audit log (审计日志): a tenant admin the whole of it, a region admin the lines of its subtree.</summary>
    ReadAudit,

    /// <summary>Make a campaign's results official at final: the platform's own work, done for whoever advanced it.</summary>
    FinaliseResults,
}
