using Platform.Domain.Campaigns;

namespace Platform.Contracts.Campaigns;

/// <summary>One branch's part in a campaign, every stage of it.</summary>
/// <param name="Revision">The ETag: bumped by every change, so two reviewers cannot overwrite each other unseen.</param>
/// <param name="SelfAssessment">The latest self-assessment; every one is in <paramref name="Submissions"/>.</param>
/// <param name="Review">The latest review; every one is in <paramref name="Submissions"/>.</param>
/// <param name="Returned">Sent back for re-assessment (a sampled branch of the same school failed the cross-check) and
/// not yet reviewed again.</param>
/// <param name="Result">The score that stands now: appeal decision, else cross-check, else the latest review, else the
/// self-assessment.</param>
/// <param name="Submissions">Every self-assessment and review in the order they were made.</param>
/// <param name="AwaitingReassessment">Sent back and not yet self-assessed again: it owes a self-assessment.</param>
/// <param name="Changes">The score audit lines the command that answered this added, old and new points; null on reads.</param>
[GenerateSerializer, Immutable, Alias("EntryView")]
public sealed record EntryView(
    [property: Id(0)] string CampaignId,
    [property: Id(1)] RosterBranch Branch,
    [property: Id(2)] int Revision,
    [property: Id(3)] Submission? SelfAssessment,
    [property: Id(4)] IReadOnlyDictionary<string, string> Evidence,
    [property: Id(5)] Submission? Review,
    [property: Id(6)] CrossCheckRecord? CrossCheck,
    [property: Id(7)] bool Returned,
    [property: Id(8)] AppealRecord? Appeal,
    [property: Id(9)] Submission? Result,
    [property: Id(10)] FinalResult? Final,
    [property: Id(11)] IReadOnlyList<Submission> Submissions,
    [property: Id(12)] bool AwaitingReassessment,
    [property: Id(13)] IReadOnlyList<ScoreAuditRecord>? Changes = null)
{
    public static EntryView Of(string campaignId, CampaignEntry entry) => new(
        campaignId, entry.Branch!, entry.Revision, entry.SelfAssessment, entry.Evidence, entry.Review, entry.CrossCheck,
        entry.Returned, entry.Appeal, entry.Result, entry.Final, entry.Submissions, entry.AwaitingReassessment);
}
