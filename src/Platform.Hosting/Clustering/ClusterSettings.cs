namespace Platform.Hosting.Clustering;

/// <summary>The <c>Platform:Cluster</c> section.</summary>
public sealed class ClusterSettings
{
    /// <summary>Bound to Orleans' <c>ClusterMembershipOptions</c> on every silo (ProbeTimeout, NumMissedProbesLimit,
    /// TableRefreshTimeout, DeathVoteExpirationTimeout, IAmAliveTablePublishTimeout, …): how fast a dead silo is declared dead.</summary>
    public const string MembershipSection = "Platform:Cluster:Membership";

    /// <summary>Bound to Orleans' <c>SiloMessagingOptions</c> on every silo (e.g. ResponseTimeout).</summary>
    public const string MessagingSection = "Platform:Cluster:Messaging";

    /// <summary>Bound to Orleans' <c>GatewayOptions</c> and <c>ClientMessagingOptions</c> on every Orleans client
    /// (GatewayListRefreshPeriod: how soon a gateway process learns of a silo that joined or left; ResponseTimeout).</summary>
    public const string ClientSection = "Platform:Cluster:Client";

    public ClusterMode Mode { get; set; } = ClusterMode.Localhost;

    /// <summary>Silo-to-silo traffic.</summary>
    public int SiloPort { get; set; } = 11111;

    /// <summary>Where Orleans clients (the gateway processes) connect to a silo; Orleans calls it the silo's gateway port.</summary>
    public int ClientPort { get; set; } = 30000;

    /// <summary>The silo's name in the membership table and logs (e.g. the pod name); empty: Orleans makes one up.</summary>
    public string? SiloName { get; set; }

    /// <summary>
    /// The address other silos and clients reach this silo at (AdoNet mode), e.g. the pod IP from the downward API.
    /// Empty: the first non-loopback IPv4 address of the machine, as Orleans picks it.
    /// </summary>
    public string? AdvertisedIPAddress { get; set; }
}
