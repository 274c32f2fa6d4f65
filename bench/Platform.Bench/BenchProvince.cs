using Platform.DemoData;

namespace Platform.Bench;

/// <summary>The generated province every benchmark mode runs on, sized by organisations rather than schools per county.</summary>
public static class BenchProvince
{
    public static GeneratedProvince Generate(int organisations)
    {
        // The demo generator yields about 1.875 organisations per school over Hunan's 122 counties.
        var schoolsPerCounty = Math.Max(2, (int)Math.Round(organisations / (1.875 * 122)));
        return DemoProvince.Generate(new DemoProvinceOptions { SchoolsPerCounty = schoolsPerCounty, AssessedShare = 1.0 });
    }
}
