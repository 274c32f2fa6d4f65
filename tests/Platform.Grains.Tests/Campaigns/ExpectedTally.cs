using Platform.Contracts.Campaigns;
using Platform.Domain.Campaigns;
using Platform.Domain.Rollups;

namespace Platform.Grains.Tests.Campaigns;

/// <summary>A branch's tally recomputed by the test from what its entry shows, independently of the grain's own code.</summary>
internal static class ExpectedTally
{
    public static CampaignTally Of(EntryView entry)
    {
        var result = entry.Appeal?.Decision?.Result ?? entry.CrossCheck?.Result ?? entry.Review ?? entry.SelfAssessment;
        var rating = entry.Final?.Rating ?? result?.Assessment.Rating;
        var compliant = entry.Final is { Rating: not null } final ? final.Compliant : result?.Assessment.Compliant == true;

        // A branch sent back owes a new self-assessment; once it has one, it owes the review of it.
        var submitted = entry.SelfAssessment is not null && !entry.AwaitingReassessment;
        return new CampaignTally
        {
            InScope = 1,
            Submitted = submitted ? 1 : 0,
            Reviewed = submitted && entry.Submissions[^1].Kind == SubmissionKind.Review ? 1 : 0,
            Sampled = entry.CrossCheck is null ? 0 : 1,
            CrossChecked = entry.CrossCheck?.Result is null ? 0 : 1,
            FailedCrossCheck = entry.CrossCheck?.Failed == true ? 1 : 0,
            Returned = entry.Returned ? 1 : 0,
            Appealed = entry.Appeal is null ? 0 : 1,
            AppealsOpen = entry.Appeal is { Decision: null } ? 1 : 0,
            Finalised = entry.Final is null ? 0 : 1,
            Rated = result is null ? 0 : 1,
            Compliant = result is not null && compliant ? 1 : 0,
            Ratings = rating is { } level ? RatingCounts.One(level) : RatingCounts.Zero,
            ScoreSum = result?.Assessment.Total ?? 0,
            DimensionSums = result?.Assessment.Dimensions ?? DimensionTotals.Zero,
            GenerositySum = -(entry.CrossCheck?.Deviation ?? 0),
        };
    }
}
