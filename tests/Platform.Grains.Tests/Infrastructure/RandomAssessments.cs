using Platform.Domain.Framework;
using Platform.Domain.Scoring;

namespace Platform.Grains.Tests.Infrastructure;

internal static class RandomAssessments
{
    private static readonly FrameworkVersion Framework = DefaultFrameworks.Create(RatingScheme.Stars, 1, DateTimeOffset.UnixEpoch);

    public static AssessmentInput Next(Random random)
    {
        var scores = Framework.Indicators.ToDictionary(i => i.Id, i => decimal.Round(i.Max * (decimal)random.NextDouble(), 2));
        string[] vetoes = random.Next(20) == 0 ? ["V1"] : [];
        return AssessmentInput.FromScores(scores, vetoes);
    }
}
