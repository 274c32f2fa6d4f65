namespace Platform.Gateway.Seeding;

/// <summary><c>Platform:Seed</c>: whether the first start creates the demo tenant.</summary>
public sealed class DemoSeedOptions
{
    public const string TenantId = "demo";

    /// <summary>Set <c>Platform:Seed:Demo=false</c> (or <c>--Platform:Seed:Demo=false</c>) to start empty.</summary>
    public bool Demo { get; set; } = true;
}
