namespace Platform.Gateway.Hosting;

/// <summary>The <c>Platform:Gateway</c> section.</summary>
public sealed class GatewaySettings
{
    public const string Section = "Platform:Gateway";

    public GatewayMode Mode { get; set; } = GatewayMode.Embedded;
}
