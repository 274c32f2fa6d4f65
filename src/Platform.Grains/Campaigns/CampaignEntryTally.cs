using Platform.Domain.Campaigns;

namespace Platform.Grains.Campaigns;

/// <summary>A branch's one-hot contribution to its campaign's progress, derived from its entry alone.</summary>
internal static class CampaignEntryTally
{
    public static CampaignTally Of(CampaignEntryState entry)
    {
        var check = entry.CrossCheck;
        var tally = CampaignTally.Pending with
        {
            Submitted = entry.SelfAssessment is null ? 0 : 1,
            Reviewed = entry.Review is null ? 0 : 1,
            Sampled = check is null ? 0 : 1,
            CrossChecked = check?.Result is null ? 0 : 1,
            FailedCrossCheck = check?.Failed == true ? 1 : 0,
            Returned = entry.Returned ? 1 : 0,
            Appealed = entry.Appeal is null ? 0 : 1,
            AppealsOpen = entry.Appeal is { Decision: null } ? 1 : 0,
            Finalised = entry.Final is null ? 0 : 1,
            GenerositySum = -(check?.Deviation ?? 0m),
        };

        if (entry.Result is not { } result)
        {
            return tally;
        }

        var assessment = result.Assessment;
        var (rating, compliant) = entry.Final is { Rating: { } official } final
            ? (official, final.Compliant)
            : (assessment.Rating, assessment.Compliant);
        return tally + CampaignTally.ForResult(assessment.Total, assessment.Dimensions, rating, compliant);
    }
}
