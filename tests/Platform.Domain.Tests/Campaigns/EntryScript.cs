using Platform.Domain.Campaigns;
using Platform.Domain.Framework;
using Platform.Domain.Hierarchy;
using Platform.Domain.Scoring;

namespace Platform.Domain.Tests.Campaigns;

/// <summary>
/// Drives one <see cref="CampaignEntry"/> through a campaign without a silo: the test sets the campaign's stage, and
/// each step runs one command a minute after the last, quoting the revision it read, as a careful client would.
/// <c>Do…</c> steps must succeed; <see cref="Try"/> returns the outcome for the test to judge.
/// </summary>
internal sealed class EntryScript
{
    public const string Secretary = "支部书记";
    public const string Reviewer = "县委教育工委";
    public const string Checker = "交叉检查组";
    public const string Admin = "省委教育工委";
    public const string ReviewerCity = "430200";

    public static readonly DateTimeOffset Start = new(2026, 10, 8, 9, 0, 0, TimeSpan.FromHours(8));

    public static readonly RosterBranch Branch =
        new("9430102001-01", "第一党支部", NodeKind.Branch, "9430102001", "9430102001", "430102", "430102", "430100");

    public CampaignEntry Entry { get; private set; } = new() { Branch = Branch };

    public CampaignStage Stage { get; set; } = CampaignStage.SelfAssessment;

    public bool Cascade { get; set; } = true;

    public bool AppealsClosed { get; set; }

    public bool Finalising { get; set; }

    public DateTimeOffset Now { get; private set; } = Start;

    public CampaignStatus Campaign => new(Stage, Frameworks.Stars.Version, AppealsClosed, Finalising, Cascade);

    /// <summary>Every indicator of the five dimensions at its maximum except 3.1 and 3.2 (5 points each): 90, 5★.</summary>
    public static AssessmentInput Ninety() => AssessmentInput.FromScores(
        Inputs.FullMarks(Frameworks.Stars).With("3.1", 0).With("3.2", 0));

    public static SelfAssessmentInput Self(AssessmentInput input, string note = "会议记录12份") =>
        new(input, new Dictionary<string, string> { ["2.1"] = note });

    public static ScoreChanges Change(string indicator, decimal points, string reason = "材料不全") => new(
        new Dictionary<string, decimal> { [indicator] = points },
        new Dictionary<string, string> { [indicator] = reason },
        null);

    /// <summary>Every indicator to zero, each with a reason: far below 达标.</summary>
    public static ScoreChanges AllZero() => new(
        Frameworks.Stars.Indicators.ToDictionary(i => i.Id, _ => 0m),
        Frameworks.Stars.Indicators.ToDictionary(i => i.Id, _ => "抽查未达标"),
        null);

    public EntryContext Context(string actor, int? expectedRevision) =>
        new(Campaign, Frameworks.Stars, actor, expectedRevision, Now);

    /// <summary>Runs a command a minute later, quoting the current revision (none before the first change).</summary>
    public EntryOutcome Try(Func<CampaignEntry, EntryContext, EntryOutcome> command, string actor, int? expectedRevision = null)
    {
        Now = Now.AddMinutes(1);
        return command(Entry, Context(actor, expectedRevision ?? (Entry.Revision == 0 ? null : Entry.Revision)));
    }

    public EntryScript Do(Func<CampaignEntry, EntryContext, EntryOutcome> command, string actor)
    {
        var outcome = Try(command, actor);
        Assert.True(outcome.Succeeded, outcome.Refusal?.Detail);
        Assert.Equal(Entry.Revision + 1, outcome.Entry.Revision);
        Entry = outcome.Entry;
        return this;
    }

    public EntryScript DoSelfAssess(AssessmentInput input) => Do((e, c) => e.SubmitSelfAssessment(Self(input), c), Secretary);

    public EntryScript DoReview(ScoreChanges changes) => Do((e, c) => e.SubmitReview(changes, c), Reviewer);

    public EntryScript DoCrossCheck(ScoreChanges changes) => Do((e, c) => e.SubmitCrossCheck(changes, ReviewerCity, c), Checker);

    public EntryScript DoMarkSampled()
    {
        Entry = Entry.MarkSampled(ReviewerCity);
        return this;
    }

    public EntryScript DoSendBack(string failedBranch = "9430102001-02")
    {
        Now = Now.AddMinutes(1);
        Entry = Entry.SendBack(failedBranch, Now);
        return this;
    }

    public EntryOutcome TryFinalise(QuotaPlacement? placement, string actor = Admin)
    {
        Now = Now.AddMinutes(1);
        return Entry.Finalise(placement, Campaign, Frameworks.Stars, actor, Now);
    }

    public EntryScript DoFinalise(QuotaPlacement? placement, string actor = Admin)
    {
        var outcome = TryFinalise(placement, actor);
        Assert.True(outcome.Succeeded, outcome.Refusal?.Detail);
        Entry = outcome.Entry;
        return this;
    }

    /// <summary>The placement of a branch that keeps what it earned.</summary>
    public QuotaPlacement Kept() => Placed(Entry.Result!.Assessment.Rating);

    public QuotaPlacement Placed(RatingLevel final, params QuotaDemotion[] demotions) =>
        new(Entry.Result!.Assessment.Rating, final, Entry.Result.Assessment.Total, demotions);

    /// <summary>Asserts a refusal of the kind, naming the field when one is given, that left the entry exactly as it was.</summary>
    public Refusal AssertRefused(EntryOutcome outcome, RefusalKind kind, string? field = null)
    {
        Assert.False(outcome.Succeeded, "expected a refusal");
        Assert.Same(Entry, outcome.Entry);
        Assert.Equal(kind, outcome.Refusal!.Kind);
        if (field is not null)
        {
            Assert.Contains(outcome.Refusal.Errors, e => e.Field == field);
        }

        return outcome.Refusal;
    }
}
