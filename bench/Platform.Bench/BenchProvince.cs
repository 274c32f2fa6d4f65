using Platform.DemoData;

namespace Platform.Bench;

/// <summary>The generated province every benchmark mode runs on, sized by organisations rather than schools per county.</summary>
public static class BenchProvince
{
    /// <param name="seed">Another seed, another province of the same size (the national run's tenants).</param>
    public static GeneratedProvince Generate(int organisations, int? seed = null)
    {
        // The demo generator yields about 1.875 organisations per school over Hunan's 122 counties.
        var schoolsPerCounty = Math.Max(2, (int)Math.Round(organisations / (1.875 * 122)));
        var options = new DemoProvinceOptions { SchoolsPerCounty = schoolsPerCounty, AssessedShare = 1.0 };
        return DemoProvince.Generate(seed is { } other ? options with { Seed = other } : options);
    }
}
