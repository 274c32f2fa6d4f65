using Platform.Domain.Campaigns;
using Platform.Domain.Framework;
using Platform.Domain.Scoring;
using Platform.Domain.Text;

namespace Platform.Domain.Standing;

/// <summary>
/// A branch's standing assessment (现行评定): the rating that counts in every rollup until the next campaign's final,
/// and the history of every change to it. Ratings are official data: after a campaign has rated the branch they change
/// only through the next campaign's final, a veto event (downgraded at once, docs/domain.md §4), or a tenant admin's
/// correction with a reason, and each change leaves a <see cref="RatingChange"/>. Before any campaign, a baseline
/// assessment may be recorded, audited the same way. Immutable: a command returns the new standing.
/// </summary>
[GenerateSerializer, Immutable, Alias("StandingAssessment")]
public sealed record StandingAssessment
{
    public const int MaxActorLength = 100;
    public const int MaxReasonLength = 500;

    /// <summary>How many audit lines move to an archive page at a time, once twice as many are held: the state a
    /// branch rewrites on every change stays bounded however long its history grows.</summary>
    public const int ArchivePageSize = 50;

    [Id(0)] public Assessment? Current { get; init; }

    /// <summary>The ETag: bumped by every change, so two editors cannot overwrite each other unseen.</summary>
    [Id(1)] public int Revision { get; init; }

    [Id(2)] public DateTimeOffset? AssessedAt { get; init; }

    /// <summary>The campaign whose final set the rating; null while the branch has only a baseline, or nothing.</summary>
    [Id(3)] public string? RatedByCampaign { get; init; }

    /// <summary>The latest changes; older ones are on archive pages (<see cref="ArchivedPages"/>).</summary>
    [Id(4)] public IReadOnlyList<RatingChange> History { get; init; } = [];

    /// <summary>Pages of <see cref="ArchivePageSize"/> older changes stored apart, numbered from 0, oldest first.</summary>
    [Id(5)] public int ArchivedPages { get; init; }

    public static StandingAssessment None { get; } = new();

    /// <summary>Records an assessment made outside any campaign; refused once a campaign's final has rated the branch.</summary>
    public StandingOutcome Baseline(FrameworkVersion framework, AssessmentInput input, int? expectedRevision, string actor, DateTimeOffset at)
    {
        if (RatedByCampaign is { } campaign)
        {
            return Refuse(Refusal.Conflict(
                $"the rating was set by the final of campaign '{campaign}'; between campaigns it changes only through the next campaign's " +
                "final, a veto event (POST …/assessment/vetoes) or a tenant admin's correction with a reason (POST …/assessment/corrections)"));
        }

        if (IsReplayOfLastBaseline(input, expectedRevision, actor))
        {
            return new StandingOutcome(this, null, null);
        }

        if ((Precondition(expectedRevision, required: Current is not null) ?? ActorProblem(actor)) is { } refused)
        {
            return Refuse(refused);
        }

        var scored = Assessor.Score(framework, input);
        return scored.Assessment is { } assessment
            ? Change(assessment, RatingChangeSource.Baseline, null, actor, "baseline assessment, before any campaign (基础评定)", [], at)
            : Refuse(Refusal.Invalid(scored.Errors));
    }

    /// <summary>Makes a campaign's official result (认定) the standing rating. Idempotent per campaign: a second
    /// delivery, after an interrupted final, changes nothing.</summary>
    /// <param name="reason">Why the rating is what it is, e.g. the quota that demoted it.</param>
    public StandingOutcome ApplyCampaignFinal(string campaignId, Assessment official, string actor, string reason, DateTimeOffset at)
    {
        if (RatedByCampaign == campaignId)
        {
            return new StandingOutcome(this, null, null);
        }

        var outcome = Change(official, RatingChangeSource.CampaignFinal, campaignId, actor, reason, [], at);
        return outcome with { Standing = outcome.Standing with { RatedByCampaign = campaignId } };
    }

    /// <summary>A veto event during the year (一票否决): the rating drops at once to the veto's cap (never rises), the
    /// branch stops counting as compliant, and the points stand.</summary>
    public StandingOutcome ApplyVeto(FrameworkVersion framework, string vetoId, string reason, int? expectedRevision, string actor, DateTimeOffset at)
    {
        if (Current is not { } current)
        {
            return Refuse(Refusal.Conflict("the branch has no rating yet for a veto to lower"));
        }

        if ((Precondition(expectedRevision, required: true) ?? ActorProblem(actor) ?? ReasonProblem(reason)) is { } refused)
        {
            return Refuse(refused);
        }

        if (framework.FindVeto(vetoId) is not { } veto)
        {
            return Refuse(Refusal.Invalid("vetoId", $"'{vetoId}' is not a veto item of framework version {framework.Version}, which scored this rating"));
        }

        if (current.Input.Vetoes.Contains(vetoId, StringComparer.Ordinal))
        {
            return Refuse(Refusal.Conflict($"veto item '{vetoId}' is already recorded against this rating"));
        }

        var rating = veto.Cap.Rank() < current.Rating.Rank() ? veto.Cap : current.Rating;
        var vetoed = current with
        {
            Input = current.Input with { Vetoes = [.. current.Input.Vetoes, vetoId] },
            Rating = rating,
            Compliant = false,
        };
        return Change(vetoed, RatingChangeSource.Veto, RatedByCampaign, actor, $"{veto.Name} ({vetoId}): {reason}", [], at);
    }

    /// <summary>A tenant admin's correction: changed indicators, each with its reason, rescored on the framework version
    /// that scored the rating. Whoever stores the result checks it against the quotas of the campaign that set it.</summary>
    public StandingOutcome Correct(FrameworkVersion framework, ScoreChanges changes, string reason, int? expectedRevision, string actor, DateTimeOffset at)
    {
        if (Current is not { } current)
        {
            return Refuse(Refusal.Conflict("the branch has no rating to correct; record one first"));
        }

        if ((Precondition(expectedRevision, required: true) ?? ActorProblem(actor) ?? ReasonProblem(reason)) is { } refused)
        {
            return Refuse(refused);
        }

        if (changes.Scores.Count == 0 && changes.Vetoes is null)
        {
            return Refuse(Refusal.Invalid("scores", "name at least one indicator to correct, or the veto items"));
        }

        var revised = ScoreRevision.Apply(framework, current, changes, CampaignStage.Final, actor, at);
        if (revised.Assessment is not { } assessment)
        {
            return Refuse(Refusal.Invalid(revised.Errors));
        }

        var indicators = revised.Audit.Select(a => new IndicatorChange(a.Indicator, a.Old, a.New, a.Reason)).ToList();
        return indicators.Count == 0
            ? Refuse(Refusal.Invalid("scores", "the correction changes nothing: every named score is already what it says"))
            : Change(assessment, RatingChangeSource.Correction, RatedByCampaign, actor, reason, indicators, at);
    }

    /// <summary>The oldest page of history to store apart and the standing without it, once the history is full; null
    /// while it is not.</summary>
    public (int Page, IReadOnlyList<RatingChange> Lines, StandingAssessment Kept)? NextArchivePage() =>
        History.Count < 2 * ArchivePageSize
            ? null
            : (ArchivedPages, History.Take(ArchivePageSize).ToList(), this with { History = History.Skip(ArchivePageSize).ToList(), ArchivedPages = ArchivedPages + 1 });

    private StandingOutcome Change(
        Assessment next, RatingChangeSource source, string? campaignId, string actor, string reason, IReadOnlyList<IndicatorChange> indicators, DateTimeOffset at)
    {
        var line = new RatingChange(at, actor, source, campaignId, Current?.Rating, Current?.Total, next.Rating, next.Total, next.Compliant, reason, indicators);
        var standing = this with { Current = next, Revision = Revision + 1, AssessedAt = at, History = [.. History, line] };
        return new StandingOutcome(standing, line, null);
    }

    private StandingOutcome Refuse(Refusal refusal) => StandingOutcome.Refused(this, refusal);

    /// <summary>
    /// The same submission again, from the revision the current one replaced, by the same account: its answer was lost
    /// (a 503 or a dropped connection while a silo stopped) after it was stored. It has already been applied, so it is
    /// answered as done (RFC 9110 §13.1.1) rather than with a 412, and a client may retry a submission that got a 503.
    /// </summary>
    private bool IsReplayOfLastBaseline(AssessmentInput input, int? expectedRevision, string actor) =>
        expectedRevision == Revision - 1
        && Current is { } current
        && History.LastOrDefault() is { Source: RatingChangeSource.Baseline } last
        && last.Actor == actor
        && SameInput(current.Input, input);

    private static bool SameInput(AssessmentInput a, AssessmentInput b) =>
        SameEntries(a.Scores, b.Scores)
        && SameEntries(a.Counts, b.Counts)
        && SameEntries(a.Facts, b.Facts)
        && a.Vetoes.SequenceEqual(b.Vetoes, StringComparer.Ordinal);

    private static bool SameEntries<T>(IReadOnlyDictionary<string, T> a, IReadOnlyDictionary<string, T> b) =>
        a.Count == b.Count && a.All(entry => b.TryGetValue(entry.Key, out var other) && EqualityComparer<T>.Default.Equals(entry.Value, other));

    private Refusal? Precondition(int? expectedRevision, bool required)
    {
        if (expectedRevision is null)
        {
            return required
                ? Refusal.Of(RefusalKind.PreconditionRequired, $"the rating is at revision {Revision}; send If-Match: \"{Revision}\" to change it")
                : null;
        }

        return expectedRevision != Revision
            ? Refusal.Of(RefusalKind.PreconditionFailed, $"the rating is at revision {Revision}, not {expectedRevision}: someone else changed it; read it again")
            : null;
    }

    private static Refusal? ActorProblem(string actor) => TextRules.Problem(actor, MaxActorLength) is { } problem
        ? Refusal.Invalid("actor", $"say who is acting, for the audit trail: {problem}")
        : null;

    private static Refusal? ReasonProblem(string reason) => TextRules.Problem(reason, MaxReasonLength, TextShape.MultiLine) is { } problem
        ? Refusal.Invalid("reason", $"say why the rating changes: {problem}")
        : null;
}
