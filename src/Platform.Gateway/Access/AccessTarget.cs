namespace Platform.Gateway.Access;

/// <summary>What a route addresses, and so what of the caller's scope <see cref="AccessFilter"/> checks.</summary>
public enum AccessTarget
{
    /// <summary>The tenant as a whole: its account is enough.</summary>
    Tenant,

    /// <summary>The whole province (campaign-wide reports, import reports): a province-wide account.</summary>
    Province,

    /// <summary>The node named by the route's <c>{code}</c>: it must lie in the caller's subtree.</summary>
    Node,

    /// <summary>The branch <c>{code}</c> of campaign <c>{id}</c>: in the caller's subtree, or, for a reviewer, assigned
    /// to its city while the cross-check is open.</summary>
    CampaignBranch,

    /// <summary>The region or school <c>{code}</c> of campaign <c>{id}</c>'s progress; without a code, the whole campaign,
    /// which needs a province-wide account.</summary>
    CampaignNode,
}
