namespace Platform.Hosting.Clustering;

/// <summary>The <c>Platform:Cluster</c> section.</summary>
public sealed class ClusterSettings
{
    public ClusterMode Mode { get; set; } = ClusterMode.Localhost;

    /// <summary>
    /// The address other silos and clients reach this silo at (AdoNet mode), e.g. the pod IP from the downward API.
    /// Empty: the first non-loopback IPv4 address of the machine, as Orleans picks it.
    /// </summary>
    public string? AdvertisedIPAddress { get; set; }
}
