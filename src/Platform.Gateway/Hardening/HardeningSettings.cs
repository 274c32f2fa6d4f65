namespace Platform.Gateway.Hardening;

/// <summary>The <c>Platform:Cors</c> settings: the browser origins allowed to call the API from their pages. None by default.</summary>
public sealed class CorsSettings
{
    public string[] Origins { get; set; } = [];
}

/// <summary>
/// The <c>Platform:ForwardedHeaders</c> settings: the proxies whose <c>X-Forwarded-For</c> and <c>X-Forwarded-Proto</c>
/// are believed. None by default, so a client cannot pick its own address (and with it its rate-limit partition).
/// </summary>
public sealed class ForwardedHeadersSettings
{
    /// <summary>Addresses of trusted proxies, e.g. <c>10.0.0.5</c>.</summary>
    public string[] KnownProxies { get; set; } = [];

    /// <summary>Networks of trusted proxies in CIDR notation, e.g. <c>10.0.0.0/8</c>.</summary>
    public string[] KnownNetworks { get; set; } = [];

    public bool Configured => KnownProxies.Length > 0 || KnownNetworks.Length > 0;
}
