namespace Platform.Bench.Campaigns;

/// <summary>A figure the run must reproduce exactly, and what it found: a fast finalisation that miscounts is worthless.</summary>
public sealed record ExactnessCheck(string Name, string Expected, string Found)
{
    public bool Holds => Expected == Found;
}
