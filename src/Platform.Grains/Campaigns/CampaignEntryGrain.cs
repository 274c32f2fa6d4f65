using Microsoft.Extensions.Logging;
using Platform.Contracts;
using Platform.Contracts.Campaigns;
using Platform.Contracts.Hierarchy;
using Platform.Domain.Campaigns;
using Platform.Domain.Framework;
using Platform.Domain.Hierarchy;
using Platform.Domain.Scoring;
using Platform.Grains.Framework;
using Platform.Grains.Persistence;

namespace Platform.Grains.Campaigns;

/// <summary>
/// <inheritdoc cref="ICampaignEntryGrain"/>
/// The entry is the durable truth of a branch's campaign: its tally is derived from this state alone, and its version
/// is the revision, so the progress tree above can always be rebuilt from the entries.
/// </summary>
/// <remarks>As in <c>NodeGrain</c>, every change to <see cref="_current"/> is one synchronous <c>with</c> after the
/// last await of a command, because <see cref="SendBack"/> interleaves.</remarks>
public sealed partial class CampaignEntryGrain : Grain, ICampaignEntryGrain
{
    public const int MaxNoteLength = 500;
    public const int MaxActorLength = 100;

    private readonly IPersistentState<CampaignEntryState> _store;
    private readonly FrameworkCatalog _frameworks;
    private readonly TimeProvider _time;
    private readonly ILogger<CampaignEntryGrain> _logger;
    private readonly CoalescingWriter _writer;
    private string _tenant = "";
    private string _campaignId = "";
    private string _code = "";
    private CampaignEntryState _current = new();
    private CampaignEntryState _durable = new();

    public CampaignEntryGrain(
        [PersistentState(StorageNames.CampaignEntry, StorageNames.Provider)] IPersistentState<CampaignEntryState> store,
        FrameworkCatalog frameworks,
        TimeProvider time,
        ILogger<CampaignEntryGrain> logger)
    {
        _store = store;
        _frameworks = frameworks;
        _time = time;
        _logger = logger;
        _writer = new CoalescingWriter(WriteAsync);
    }

    private ICampaignGrain Campaign => GrainFactory.GetGrain<ICampaignGrain>(GrainKeys.Campaign(_tenant, _campaignId));

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        (_tenant, _campaignId, var code) = GrainKeys.ParseCampaign(this.GetPrimaryKeyString());
        _code = code!;
        _current = _store.State ?? new CampaignEntryState();
        _durable = _current;
        if (_current.CascadePending)
        {
            // Not in activation: the siblings may be calling this entry at the same moment.
            this.RegisterGrainTimer(_ => CascadeAsync(), new GrainTimerCreationOptions(TimeSpan.Zero, Timeout.InfiniteTimeSpan));
        }

        return Task.CompletedTask;
    }

    public async Task<Outcome<EntryView>> Get() => await EnsureBranchAsync()
        ? Outcome<EntryView>.Ok(View())
        : NotOnRoster<EntryView>();

    public async Task<Outcome<IReadOnlyList<ScoreAuditRecord>>> GetAudit() => await EnsureBranchAsync()
        ? Outcome<IReadOnlyList<ScoreAuditRecord>>.Ok(_current.Audit)
        : NotOnRoster<IReadOnlyList<ScoreAuditRecord>>();

    /// <summary>Only what is stored is ever reported: a revision seen above must never come back with other content
    /// after a failed write and a reactivation.</summary>
    public Task<TallyChild> Probe() => Task.FromResult(_durable.Branch is { } branch
        ? new TallyChild(branch.Code, branch.Name, true, _durable.Revision, CampaignEntryTally.Of(_durable))
        : TallyChild.Placeholder(_code, _code, true));

    public async Task<Outcome<EntryView>> SubmitSelfAssessment(SelfAssessmentInput submission, string actor, int? expectedRevision)
    {
        var (context, refused) = await PrepareAsync(actor, expectedRevision);
        if (refused is not null)
        {
            return refused;
        }

        var stage = context!.Status.Stage;
        var reopened = stage == CampaignStage.CrossCheck && _current.Returned;
        if (stage != CampaignStage.SelfAssessment && !reopened)
        {
            return StageConflict<EntryView>("self-assessments are taken while the campaign is in self-assessment" +
                " (or, for a branch sent back, in the cross-region check)", stage);
        }

        var errors = new List<FieldError>();
        foreach (var (id, note) in submission.Evidence)
        {
            if (context.Framework.FindIndicator(id) is null)
            {
                errors.Add(new($"evidence.{id}", $"'{id}' is not an indicator of framework version {context.Framework.Version}"));
            }
            else if (string.IsNullOrWhiteSpace(note) || note.Length > MaxNoteLength)
            {
                errors.Add(new($"evidence.{id}", $"a note is required and at most {MaxNoteLength} characters"));
            }
        }

        var scored = Assessor.Score(context.Framework, submission.Input);
        errors.AddRange(scored.Errors);
        if (errors.Count > 0)
        {
            return Outcome<EntryView>.Invalid(errors);
        }

        var now = _time.GetUtcNow();
        var audit = ScoreRevision.Compare(_current.SelfAssessment?.Assessment, scored.Assessment!, submission.Evidence, stage, actor, now);
        _current = _current with
        {
            SelfAssessment = new Submission(scored.Assessment!, now, actor),
            Evidence = submission.Evidence,
            Audit = [.. _current.Audit, .. audit],
            Revision = _current.Revision + 1,
        };
        return await CommitAsync();
    }

    public async Task<Outcome<EntryView>> SubmitReview(ScoreChanges changes, string actor, int? expectedRevision)
    {
        var (context, refused) = await PrepareAsync(actor, expectedRevision);
        if (refused is not null)
        {
            return refused;
        }

        var stage = context!.Status.Stage;
        if (_current.SelfAssessment is not { } self)
        {
            return Outcome<EntryView>.Fail(Failure.Conflict, $"'{_code}' has not submitted a self-assessment to review");
        }

        var reReview = stage == CampaignStage.CrossCheck && _current.Returned;
        if (stage != CampaignStage.Review && !reReview)
        {
            return StageConflict<EntryView>("reviews are taken while the campaign is in review" +
                " (or, for a branch sent back, in the cross-region check)", stage);
        }

        if (reReview && self.At <= _current.ReturnedAt)
        {
            return Outcome<EntryView>.Fail(Failure.Conflict,
                $"'{_code}' was sent back for re-assessment: it must submit a new self-assessment before it is reviewed again");
        }

        var revised = ScoreRevision.Apply(context.Framework, self.Assessment, changes, stage, actor, _time.GetUtcNow());
        if (!revised.Succeeded)
        {
            return Outcome<EntryView>.Invalid(revised.Errors);
        }

        _current = _current with
        {
            Review = new Submission(revised.Assessment!, _time.GetUtcNow(), actor),
            ReturnedAt = null,
            Audit = [.. _current.Audit, .. revised.Audit],
            Revision = _current.Revision + 1,
        };
        return await CommitAsync();
    }

    public async Task<Outcome<EntryView>> SubmitCrossCheck(ScoreChanges changes, string reviewerCity, string actor, int? expectedRevision)
    {
        var (context, refused) = await PrepareAsync(actor, expectedRevision);
        if (refused is not null)
        {
            return refused;
        }

        var stage = context!.Status.Stage;
        if (stage != CampaignStage.CrossCheck)
        {
            return StageConflict<EntryView>("cross-check scores are taken while the campaign is in the cross-region check", stage);
        }

        if (_current.CrossCheck is not { } check)
        {
            return Outcome<EntryView>.Fail(Failure.Conflict, $"'{_code}' was not drawn for the cross-region check");
        }

        if (reviewerCity != check.ReviewerCity)
        {
            return Outcome<EntryView>.Invalid("reviewerCity",
                $"'{_code}' is assigned to the reviewers of city '{check.ReviewerCity}', not '{reviewerCity}'");
        }

        var basis = _current.Review ?? _current.SelfAssessment!;
        var now = _time.GetUtcNow();
        var revised = ScoreRevision.Apply(context.Framework, basis.Assessment, changes, stage, actor, now);
        if (!revised.Succeeded)
        {
            return Outcome<EntryView>.Invalid(revised.Errors);
        }

        var result = revised.Assessment!;
        var failed = basis.Assessment.Compliant && !result.Compliant;
        var cascade = failed && !check.Failed && context.Status.CascadeOnFailure;
        _current = _current with
        {
            CrossCheck = check with { Result = new Submission(result, now, actor), Deviation = result.Total - basis.Assessment.Total, Failed = failed },
            CascadePending = _current.CascadePending || cascade,
            Audit = [.. _current.Audit, .. revised.Audit],
            Revision = _current.Revision + 1,
        };
        await CommitAsync();
        if (cascade)
        {
            await CascadeAsync();
        }

        return Outcome<EntryView>.Ok(View());
    }

    public async Task<Outcome<EntryView>> Appeal(AppealRequest appeal, string actor, int? expectedRevision)
    {
        var (context, refused) = await PrepareAsync(actor, expectedRevision);
        if (refused is not null)
        {
            return refused;
        }

        var stage = context!.Status.Stage;
        if (stage != CampaignStage.Publicity || context.Status.AppealsClosed)
        {
            return StageConflict<EntryView>("appeals are taken only while results are on public display (公示)", stage);
        }

        if (_current.Result is null)
        {
            return Outcome<EntryView>.Fail(Failure.Conflict, $"'{_code}' has no result to appeal against");
        }

        if (_current.Appeal is not null)
        {
            return Outcome<EntryView>.Fail(Failure.Conflict, $"'{_code}' has already appealed; a branch appeals once per campaign");
        }

        var errors = new List<FieldError>();
        if (appeal.Indicators.Count is 0 or > 50)
        {
            errors.Add(new("indicators", "name between 1 and 50 disputed indicators"));
        }

        for (var i = 0; i < appeal.Indicators.Count; i++)
        {
            var id = appeal.Indicators[i];
            if (id != ScoreChanges.VetoReasonKey && context.Framework.FindIndicator(id) is null)
            {
                errors.Add(new($"indicators[{i}]", $"'{id}' is not an indicator of framework version {context.Framework.Version}"));
            }
        }

        if (string.IsNullOrWhiteSpace(appeal.Reason) || appeal.Reason.Length > MaxNoteLength)
        {
            errors.Add(new("reason", $"is required and at most {MaxNoteLength} characters"));
        }

        if (errors.Count > 0)
        {
            return Outcome<EntryView>.Invalid(errors);
        }

        _current = _current with
        {
            Appeal = new AppealRecord(appeal.Indicators, appeal.Reason, _time.GetUtcNow(), actor, null),
            Revision = _current.Revision + 1,
        };
        return await CommitAsync();
    }

    public async Task<Outcome<EntryView>> DecideAppeal(AppealRuling ruling, string actor, int? expectedRevision)
    {
        // An appeal that slipped in just before appeals closed must still be decidable while finalisation waits on it.
        var (context, refused) = await PrepareAsync(actor, expectedRevision, whileFinalising: true);
        if (refused is not null)
        {
            return refused;
        }

        var stage = context!.Status.Stage;
        if (stage != CampaignStage.Publicity)
        {
            return StageConflict<EntryView>("appeals are decided during publicity, before the results become final", stage);
        }

        if (_current.Appeal is not { } appeal)
        {
            return Outcome<EntryView>.Fail(Failure.NotFound, $"'{_code}' has not appealed");
        }

        if (appeal.Decision is not null)
        {
            return Outcome<EntryView>.Fail(Failure.Conflict, $"the appeal of '{_code}' has been decided, and the decision is final");
        }

        var errors = new List<FieldError>();
        if (string.IsNullOrWhiteSpace(ruling.Reason) || ruling.Reason.Length > MaxNoteLength)
        {
            errors.Add(new("reason", $"is required and at most {MaxNoteLength} characters"));
        }

        if (!ruling.Upheld && (ruling.Changes.Scores.Count > 0 || ruling.Changes.Vetoes is not null))
        {
            errors.Add(new("changes", "a rejected appeal changes no score; uphold it to change scores"));
        }

        var now = _time.GetUtcNow();
        Submission? corrected = null;
        IReadOnlyList<ScoreAuditRecord> audit = [];
        if (errors.Count == 0 && ruling.Upheld)
        {
            var revised = ScoreRevision.Apply(context.Framework, _current.Result!.Assessment, ruling.Changes, stage, actor, now);
            errors.AddRange(revised.Errors);
            corrected = revised.Assessment is { } assessment ? new Submission(assessment, now, actor) : null;
            audit = revised.Audit;
        }

        if (errors.Count > 0)
        {
            return Outcome<EntryView>.Invalid(errors);
        }

        _current = _current with
        {
            Appeal = appeal with { Decision = new AppealDecision(ruling.Upheld, ruling.Reason, corrected, now, actor) },
            Audit = [.. _current.Audit, .. audit],
            Revision = _current.Revision + 1,
        };
        return await CommitAsync();
    }

    public async Task MarkSampled(string reviewerCity)
    {
        // An official result is settled: a late or stray assignment must not reopen it (as in SendBack).
        if (await EnsureBranchAsync() && _current.CrossCheck is null && _current.Final is null)
        {
            _current = _current with { CrossCheck = new CrossCheckRecord(reviewerCity, null, null, false), Revision = _current.Revision + 1 };
            await CommitAsync();
        }
    }

    public async Task SendBack(string failedBranchCode)
    {
        if (!await EnsureBranchAsync())
        {
            return;
        }

        // Only a passing result that is not itself a cross-check finding goes back; a returned branch stays returned.
        if (failedBranchCode == _code || _current.Final is not null || _current.Returned
            || _current.Result?.Assessment.Compliant != true || _current.CrossCheck?.Result is not null)
        {
            return;
        }

        var now = _time.GetUtcNow();
        _current = _current with
        {
            ReturnedAt = now,
            Review = null,
            Audit = [.. _current.Audit, new ScoreAuditRecord(now, "cross-check", CampaignStage.CrossCheck, "returned", null, null,
                $"sent back for re-assessment: '{failedBranchCode}' of the same school failed the cross-region check")],
            Revision = _current.Revision + 1,
        };
        await CommitAsync();
    }

    public async Task<Outcome<FinalResult>> Finalise(RatingLevel? rating)
    {
        if (!await EnsureBranchAsync())
        {
            return NotOnRoster<FinalResult>();
        }

        if (_current.Final is { } done)
        {
            return Outcome<FinalResult>.Ok(done);
        }

        var status = await Campaign.GetStatus();
        if (status is not { Finalising: true })
        {
            return Outcome<FinalResult>.Fail(Failure.Conflict, "the campaign is not being finalised");
        }

        if (_current.Appeal is { Decision: null })
        {
            return Outcome<FinalResult>.Fail(Failure.Conflict, $"the appeal of '{_code}' is still open: decide it, then finalise again");
        }

        var now = _time.GetUtcNow();
        FinalResult final;
        if (_current.Result is { } result && rating is { } level)
        {
            var framework = await _frameworks.GetVersionAsync(_tenant, status.FrameworkVersion);
            var assessment = result.Assessment;
            var official = assessment with
            {
                Rating = level,
                Compliant = assessment.Input.Vetoes.Count == 0 && level.Rank() >= framework!.PassLevel.Rank(),
            };

            // The node remembers which campaign it took its rating from, so a re-run after an interruption between
            // this call and the write below changes nothing there.
            var applied = await Node(_code).ApplyCampaignResult(_campaignId, official);
            if (!applied.Succeeded && applied.Failure != Failure.NotFound)
            {
                return applied.As<FinalResult>();
            }

            final = new FinalResult(level, assessment.Rating, assessment.Total, official.Compliant, now);
        }
        else
        {
            final = new FinalResult(null, null, null, false, now);
        }

        _current = _current with { Final = final, Revision = _current.Revision + 1 };
        await CommitAsync();
        return Outcome<FinalResult>.Ok(final);
    }

    private INodeGrain Node(string code) => GrainFactory.GetGrain<INodeGrain>(GrainKeys.Node(_tenant, code));

    private sealed record CommandContext(CampaignStatus Status, FrameworkVersion Framework);

    /// <summary>The checks every branch command shares: actor, roster, a live campaign, the If-Match revision.</summary>
    private async Task<(CommandContext? Context, Outcome<EntryView>? Refused)> PrepareAsync(
        string actor, int? expectedRevision, bool whileFinalising = false)
    {
        if (string.IsNullOrWhiteSpace(actor) || actor.Length > MaxActorLength)
        {
            return (null, Outcome<EntryView>.Invalid("actor", $"say who is acting (1 to {MaxActorLength} characters), for the audit trail"));
        }

        if (!await EnsureBranchAsync())
        {
            return (null, NotOnRoster<EntryView>());
        }

        var status = await Campaign.GetStatus();
        if (status is null)
        {
            return (null, Outcome<EntryView>.Fail(Failure.NotFound, $"there is no campaign '{_campaignId}'"));
        }

        if (status.Stage == CampaignStage.Final || (status.Finalising && !whileFinalising))
        {
            return (null, Outcome<EntryView>.Fail(Failure.Conflict, $"campaign '{_campaignId}' is final: its results can no longer change"));
        }

        if (_current.Revision > 0 && expectedRevision is null)
        {
            return (null, Outcome<EntryView>.Fail(Failure.PreconditionRequired,
                $"'{_code}' is at revision {_current.Revision} in this campaign; send If-Match: \"{_current.Revision}\""));
        }

        if (expectedRevision is { } expected && expected != _current.Revision)
        {
            return (null, Outcome<EntryView>.Fail(Failure.PreconditionFailed,
                $"'{_code}' is at revision {_current.Revision}, not {expected}: someone else changed it; read it again"));
        }

        var framework = await _frameworks.GetVersionAsync(_tenant, status.FrameworkVersion);
        return framework is null
            ? (null, Outcome<EntryView>.Fail(Failure.Conflict, $"framework version {status.FrameworkVersion} is missing"))
            : (new CommandContext(status, framework), null);
    }

    private async Task<bool> EnsureBranchAsync()
    {
        if (_current.Branch is null && await Campaign.GetBranch(_code) is { } branch)
        {
            _current = _current with { Branch = branch };
        }

        return _current.Branch is not null;
    }

    /// <summary>Stores the change and reports the new tally; a failed write throws, so the answer is always the new view.</summary>
    private async Task<Outcome<EntryView>> CommitAsync()
    {
        await _writer.WriteAsync();
        await ReportAsync();
        return Outcome<EntryView>.Ok(View());
    }

    private async Task WriteAsync()
    {
        var snapshot = _current;
        _store.State = snapshot;
        try
        {
            await _store.WriteStateAsync();
            _durable = snapshot;
        }
        catch
        {
            // The stored state is unknown now: start again from storage. Reports keep quoting the last stored state.
            DeactivateOnIdle();
            throw;
        }
    }

    private async Task ReportAsync()
    {
        try
        {
            var probe = await Probe();
            await GrainFactory.GetGrain<ICampaignTallyGrain>(GrainKeys.CampaignTally(_tenant, _campaignId, _current.Branch!.TallyParent))
                .ReportChild(probe);
        }
        catch (Exception exception)
        {
            // The change is stored; the school's tally catches up when it next probes, so retry rather than fail the command.
            LogReportFailed(exception, _code);
            this.RegisterGrainTimer(_ => ReportAsync(), new GrainTimerCreationOptions(TimeSpan.FromSeconds(1), Timeout.InfiniteTimeSpan));
        }
    }

    private async Task CascadeAsync()
    {
        if (!_current.CascadePending || _current.Branch?.SchoolCode is not { } school)
        {
            return;
        }

        var siblings = await Campaign.GetSchoolBranches(school);
        await Task.WhenAll(siblings
            .Where(b => b.Code != _code)
            .Select(b => GrainFactory.GetGrain<ICampaignEntryGrain>(GrainKeys.CampaignEntry(_tenant, _campaignId, b.Code)).SendBack(_code)));
        _current = _current with { CascadePending = false };
        await _writer.WriteAsync();
    }

    private EntryView View()
    {
        var s = _current;
        return new EntryView(_campaignId, s.Branch!, s.Revision, s.SelfAssessment, s.Evidence, s.Review, s.CrossCheck, s.Returned, s.Appeal, s.Result, s.Final);
    }

    private Outcome<T> NotOnRoster<T>()
    {
        if (_durable.Branch is null)
        {
            // Nothing is stored for this key (an unknown branch or campaign): do not hold the activation until collection.
            DeactivateOnIdle();
        }

        return Outcome<T>.Fail(Failure.NotFound, $"'{_code}' is not a branch on the roster of campaign '{_campaignId}' (the roster is fixed when self-assessment opens)");
    }

    private static Outcome<T> StageConflict<T>(string rule, CampaignStage stage) =>
        Outcome<T>.Fail(Failure.Conflict, $"{rule}; the campaign is in {stage.ToApiName()}");

    [LoggerMessage(Level = LogLevel.Warning, Message = "Campaign entry {Code} could not report its tally; it will retry")]
    private partial void LogReportFailed(Exception exception, string code);
}
