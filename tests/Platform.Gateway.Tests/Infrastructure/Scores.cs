using Platform.Domain.Framework;

namespace Platform.Gateway.Tests.Infrastructure;

internal static class Scores
{
    private static readonly FrameworkVersion Default = DefaultFrameworks.Create(RatingScheme.Stars, 1, DateTimeOffset.UnixEpoch);

    /// <summary>Every indicator at the given share of its maximum, rounded to 2 decimals.</summary>
    public static Dictionary<string, decimal> AtShare(decimal share) =>
        Default.Indicators.ToDictionary(i => i.Id, i => decimal.Round(i.Max * share, 2));
}
