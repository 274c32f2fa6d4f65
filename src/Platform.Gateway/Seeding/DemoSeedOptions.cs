namespace Platform.Gateway.Seeding;

/// <summary><c>Platform:Seed</c>: whether the first start creates the demo tenant.</summary>
public sealed class DemoSeedOptions
{
    public const string TenantId = "demo";

    /// <summary>Set <c>Platform:Seed:Demo=false</c> (or <c>--Platform:Seed:Demo=false</c>) to start empty.</summary>
    public bool Demo { get; set; } = true;

    /// <summary>The demo province's size (<see cref="Platform.DemoData.DemoProvinceOptions.SchoolsPerCounty"/>); unset: the
    /// full demo, about 3,000 schools. Tests that seed set it small.</summary>
    public int? SchoolsPerCounty { get; set; }
}
