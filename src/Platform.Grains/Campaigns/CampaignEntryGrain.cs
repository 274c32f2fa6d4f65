using Microsoft.Extensions.Logging;
using Platform.Contracts;
using Platform.Contracts.Campaigns;
using Platform.Contracts.Hierarchy;
using Platform.Contracts.Identity;
using Platform.Domain.Campaigns;
using Platform.Domain.Framework;
using Platform.Domain.Identity;
using Platform.Grains.Framework;
using Platform.Grains.Identity;
using Platform.Grains.Persistence;
using Platform.Grains.Telemetry;

namespace Platform.Grains.Campaigns;

/// <summary>
/// <inheritdoc cref="ICampaignEntryGrain"/>
/// The rules are the <see cref="CampaignEntry"/>'s; this grain loads it, hands each command what the rules need (the
/// campaign's status, the framework, the time), stores the entry that comes back and reports its tally. The entry is
/// the durable truth of a branch's campaign: its tally is derived from it alone, and its version is the revision, so the
/// progress tree above can always be rebuilt from the entries.
/// </summary>
/// <remarks>As in <c>NodeGrain</c>, every change to <see cref="_current"/> is one synchronous call on the entry after
/// the last await of a command, because <see cref="SendBack"/> interleaves.</remarks>
public sealed partial class CampaignEntryGrain : Grain, ICampaignEntryGrain
{
    private readonly IPersistentState<CampaignEntry> _store;
    private readonly FrameworkCatalog _frameworks;
    private readonly TimeProvider _time;
    private readonly ILogger<CampaignEntryGrain> _logger;
    private readonly CoalescingWriter _writer;
    private readonly PlatformMetrics _metrics;
    private string _tenant = "";
    private string _campaignId = "";
    private string _code = "";
    private CampaignEntry _current = new();
    private CampaignEntry _durable = new();

    public CampaignEntryGrain(
        [PersistentState(StorageNames.CampaignEntry, StorageNames.Provider)] IPersistentState<CampaignEntry> store,
        FrameworkCatalog frameworks,
        TimeProvider time,
        ILogger<CampaignEntryGrain> logger,
        PlatformMetrics metrics)
    {
        _metrics = metrics;
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
        _current = _store.State ?? new CampaignEntry();
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
        ? new TallyChild(branch.Code, branch.Name, true, _durable.Revision, _durable.Tally())
        : TallyChild.Placeholder(_code, _code, true));

    public Task<Outcome<EntryView>> SubmitSelfAssessment(SelfAssessmentInput submission, int? expectedRevision) =>
        RunAsync(Operation.SelfAssess, expectedRevision, (_, context) => _current.SubmitSelfAssessment(submission, context));

    public Task<Outcome<EntryView>> SubmitReview(ScoreChanges changes, int? expectedRevision) =>
        RunAsync(Operation.Review, expectedRevision, (_, context) => _current.SubmitReview(changes, context));

    /// <summary>The reviewer checks as the city it belongs to; the platform's own work, as the city assigned.</summary>
    public Task<Outcome<EntryView>> SubmitCrossCheck(ScoreChanges changes, int? expectedRevision) =>
        RunAsync(Operation.CrossCheck, expectedRevision, (caller, context) =>
            _current.SubmitCrossCheck(changes, caller.ScopeCode ?? _current.CrossCheck?.ReviewerCity ?? "", context));

    public Task<Outcome<EntryView>> Appeal(AppealRequest appeal, int? expectedRevision) =>
        RunAsync(Operation.Appeal, expectedRevision, (_, context) => _current.RaiseAppeal(appeal, context));

    public Task<Outcome<EntryView>> DecideAppeal(AppealRuling ruling, int? expectedRevision) =>
        RunAsync(Operation.DecideAppeal, expectedRevision, (_, context) => _current.DecideAppeal(ruling, context));

    public async Task MarkSampled(string reviewerCity)
    {
        if (await EnsureBranchAsync())
        {
            await ChangeAsync(_current.MarkSampled(reviewerCity));
        }
    }

    public async Task SendBack(string failedBranchCode)
    {
        if (await EnsureBranchAsync())
        {
            await ChangeAsync(_current.SendBack(failedBranchCode, _time.GetUtcNow()));
        }
    }

    public async Task<Outcome<FinalResult>> Finalise(QuotaPlacement? placement)
    {
        var admission = Admission.Of(_tenant, Operation.FinaliseResults);
        if (!admission.Admitted)
        {
            return admission.Refused<FinalResult>();
        }

        var actor = admission.Actor;
        if (!await EnsureBranchAsync())
        {
            return NotOnRoster<FinalResult>();
        }

        if (_current.Final is { } done)
        {
            return Outcome<FinalResult>.Ok(done);
        }

        var (status, framework, missing) = await CampaignAsync();
        if (missing is not null)
        {
            return missing.As<FinalResult>();
        }

        var outcome = _current.Finalise(placement, status!, framework!, actor, _time.GetUtcNow());
        if (outcome.Refusal is { } refusal)
        {
            return Outcome<FinalResult>.Refused(refusal);
        }

        // The node remembers which campaign it took its rating from, so a re-run after an interruption between this
        // call and the write below changes nothing there.
        if (outcome.Entry.Official is { } official)
        {
            var applied = await Node(_code).ApplyCampaignResult(_campaignId, official, OfficialReason(placement));
            if (!applied.Succeeded && applied.Failure != Failure.NotFound)
            {
                return applied.As<FinalResult>();
            }

        }

        outcome = _current.Finalise(placement, status!, framework!, actor, _time.GetUtcNow());
        await ChangeAsync(outcome.Entry);
        return outcome.Entry.Final is { } final ? Outcome<FinalResult>.Ok(final) : Outcome<FinalResult>.Refused(outcome.Refusal!);
    }

    /// <summary>Runs a person's command: the caller's admission, the roster and the campaign first (I/O), then the
    /// entry's rules, then the write. A branch outside the caller's reach answers as one not on the roster.</summary>
    private async Task<Outcome<EntryView>> RunAsync(Operation operation, int? expectedRevision, Func<Caller, EntryContext, EntryOutcome> command)
    {
        var admission = Admission.Of(_tenant, operation);
        if (!admission.Admitted)
        {
            ForgetIfEmpty();
            return admission.Refused<EntryView>();
        }

        var caller = admission.Caller!;
        if (!await EnsureBranchAsync() || !Reaches(caller, operation))
        {
            return NotOnRoster<EntryView>();
        }

        var (status, framework, missing) = await CampaignAsync();
        if (missing is not null)
        {
            return missing;
        }

        var audited = _current.Audit.Count;
        var outcome = command(caller, new EntryContext(status!, framework!, caller.AuditName, expectedRevision, _time.GetUtcNow()));
        if (outcome.Refusal is { } refusal)
        {
            return Outcome<EntryView>.Refused(refusal);
        }

        await ChangeAsync(outcome.Entry);
        if (operation is Operation.SelfAssess or Operation.Review)
        {
            _metrics.SubmissionAccepted(_tenant, operation == Operation.SelfAssess ? AssessmentSubmission.SelfAssessment : AssessmentSubmission.Review);
        }

        if (_current.CascadePending)
        {
            await CascadeAsync();
        }

        return Outcome<EntryView>.Ok(View() with { Changes = _current.Audit.Skip(audited).ToArray() });
    }

    private async Task<(CampaignStatus? Status, FrameworkVersion? Framework, Outcome<EntryView>? Missing)> CampaignAsync()
    {
        if (await Campaign.GetStatus() is not { } status)
        {
            return (null, null, Outcome<EntryView>.Fail(Failure.NotFound, $"there is no campaign '{_campaignId}'"));
        }

        return await _frameworks.GetVersionAsync(_tenant, status.FrameworkVersion) is { } framework
            ? (status, framework, null)
            : (null, null, Outcome<EntryView>.Fail(Failure.Conflict, $"framework version {status.FrameworkVersion} is missing"));
    }

    private async Task<bool> EnsureBranchAsync()
    {
        if (_current.Branch is null && await Campaign.GetBranch(_code) is { } branch)
        {
            _current = _current with { Branch = branch };
        }

        return _current.Branch is not null;
    }

    /// <summary>Stores a changed entry and reports its tally; an unchanged one (an ignored protocol call) costs nothing.
    /// A failed write throws, so a command never answers with a state that is not stored.</summary>
    private async Task ChangeAsync(CampaignEntry next)
    {
        if (ReferenceEquals(next, _current))
        {
            return;
        }

        _current = next;
        await _writer.WriteAsync();
        await ReportAsync();
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
        _current = _current.CascadeSent();
        await _writer.WriteAsync();
    }

    /// <summary>The node's audit line for the official rating: the campaign, and any quota (名额) that lowered it.</summary>
    private string OfficialReason(QuotaPlacement? placement) => placement is { Demotions.Count: > 0 } demoted
        ? $"final of campaign '{_campaignId}': {string.Join("; ", demoted.Demotions.Select(d => d.Describe()))}"
        : $"final of campaign '{_campaignId}'";

    private INodeGrain Node(string code) => GrainFactory.GetGrain<INodeGrain>(GrainKeys.Node(_tenant, code));

    /// <summary>Whether the branch, where the roster placed it, is the caller's to act on: the cross-check its assigned
    /// city's, everything else its own secretary's or its regions' (see <see cref="AccessRules"/>).</summary>
    private bool Reaches(Caller caller, Operation operation) =>
        caller.IsPlatform
        || (operation == Operation.CrossCheck
            ? caller.ScopeCode is not null && caller.ScopeCode == _current.CrossCheck?.ReviewerCity
            : AccessRules.Covers(caller.Role, caller.ScopeCode, _current.Branch!));

    private void ForgetIfEmpty()
    {
        if (_durable.Branch is null)
        {
            DeactivateOnIdle();
        }
    }

    private EntryView View() => EntryView.Of(_campaignId, _current);

    private Outcome<T> NotOnRoster<T>()
    {
        // Nothing stored for this key (an unknown branch or campaign): do not hold the activation until collection.
        ForgetIfEmpty();
        return Outcome<T>.Fail(Failure.NotFound, $"'{_code}' is not a branch on the roster of campaign '{_campaignId}' (the roster is fixed when self-assessment opens)");
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Campaign entry {Code} could not report its tally; it will retry")]
    private partial void LogReportFailed(Exception exception, string code);
}
