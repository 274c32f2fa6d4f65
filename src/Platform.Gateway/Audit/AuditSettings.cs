namespace Platform.Gateway.Audit;

/// <summary>The <c>Platform:Audit</c> settings.</summary>
public sealed class AuditSettings
{
    /// <summary>
    /// TEMPORARY, for tests only, until authorization lands: reading the audit log answers 403 to everyone unless this
    /// is on. Authorization replaces it with tenant admins (the whole log) and region admins (their subtree).
    /// </summary>
    public bool UnguardedReads { get; set; }
}
