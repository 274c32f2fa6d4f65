namespace Platform.DemoData;

/// <summary>How large a province to generate. The defaults make the demo tenant: about 3,000 schools and 5,000 organisations.</summary>
public sealed record DemoProvinceOptions
{
    /// <summary>Schools per county on average; the count varies ±50% between counties.</summary>
    public int SchoolsPerCounty { get; init; } = 25;

    /// <summary>Share of rated units that already have an assessment.</summary>
    public double AssessedShare { get; init; } = 0.85;

    /// <summary>Share of assessed units with a veto item.</summary>
    public double VetoShare { get; init; } = 0.01;

    public int Seed { get; init; } = 20261124;
}
