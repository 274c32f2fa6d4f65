using Microsoft.Extensions.Logging;
using Platform.Contracts;
using Platform.Contracts.Campaigns;
using Platform.Contracts.Hierarchy;
using Platform.Contracts.Identity;
using Platform.Domain.Campaigns;
using Platform.Domain.Framework;
using Platform.Domain.Hierarchy;
using Platform.Domain.Identity;
using Platform.Domain.Scoring;
using Platform.Domain.Standing;
using Platform.Grains.Telemetry;

namespace Platform.Grains.Hierarchy;

/// <summary>A branch's standing rating: the grain loads the framework version, asks the domain, stores and reports.</summary>
public sealed partial class NodeGrain
{
    public Task<Outcome<AssessmentView>> GetAssessment()
    {
        if (!IsOpen)
        {
            ForgetIfUndefined();
            return Task.FromResult(NotFound<AssessmentView>());
        }

        return Task.FromResult(AssessmentView() is { } view
            ? Outcome<AssessmentView>.Ok(view)
            : Outcome<AssessmentView>.Fail(Failure.NotFound, $"'{_code}' has no assessment yet"));
    }

    public async Task<Outcome<IReadOnlyList<RatingChange>>> GetRatingHistory()
    {
        if (!IsOpen || !Definition!.Kind.IsRated())
        {
            return NotFound<IReadOnlyList<RatingChange>>();
        }

        var standing = _current.Standing;
        var pages = await Task.WhenAll(Enumerable.Range(0, standing.ArchivedPages).Select(page => HistoryPage(page).Get()));
        return Outcome<IReadOnlyList<RatingChange>>.Ok([.. pages.SelectMany(lines => lines), .. standing.History]);
    }

    public async Task<Outcome<AssessmentView>> PutAssessment(AssessmentInput input, int? expectedRevision)
    {
        var (caller, refused) = await AdmitAsync<AssessmentView>(Operation.RecordBaseline);
        if ((refused ?? RatedNodeProblem()) is { } problem)
        {
            return problem;
        }

        var framework = await _frameworks.GetCurrentAsync(_tenant);
        if (framework is null)
        {
            return Outcome<AssessmentView>.Fail(Failure.Conflict, "the tenant has no published framework version");
        }

        var committed = await CommitAsync(_current.Standing.Baseline(framework, input, expectedRevision, caller!.AuditName, _time.GetUtcNow()));
        if (committed.Succeeded)
        {
            _metrics.SubmissionAccepted(_tenant, AssessmentSubmission.Baseline);
        }

        return committed;
    }

    /// <summary>Also a line in the tenant's audit log as <c>system:final</c>, recorded here where the rating changes, so an
    /// answer lost on its way back to the campaign (whose re-run then changes nothing) cannot lose the line. Who advanced
    /// the campaign to final is the campaign's own line.</summary>
    public async Task<Outcome<AssessmentView>> ApplyCampaignResult(string campaignId, Assessment official, string reason)
    {
        var (caller, refused) = await AdmitAsync<AssessmentView>(Operation.FinaliseResults);
        if ((refused ?? RatedNodeProblem()) is { } problem)
        {
            return problem;
        }

        var applied = await CommitAsync(_current.Standing.ApplyCampaignFinal(campaignId, official, caller!.AuditName, reason, _time.GetUtcNow()));
        if (applied.Value?.Change is { } change)
        {
            await _audit.RecordAsync(_tenant, Caller.System(_tenant, "final"), "CampaignFinalise", $"campaigns/{campaignId}/branches/{_code}", _code,
                AuditStatusOk, change.OldRating is { } old ? $"{old.ToApiName()} {Number(change.OldTotal)}" : null,
                $"{change.NewRating.ToApiName()} {Number(change.NewTotal)} ({change.Reason})");
        }

        return applied;
    }

    /// <summary>The status an audit line gives a change the platform made on its own.</summary>
    private const int AuditStatusOk = 200;

    private static string Number(decimal? value) => value?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "-";

    public async Task<Outcome<AssessmentView>> ApplyVeto(string vetoId, string reason, int? expectedRevision)
    {
        var (caller, refused) = await AdmitAsync<AssessmentView>(Operation.RecordVeto);
        if ((refused ?? RatedNodeProblem()) is { } problem)
        {
            return problem;
        }

        if (_current.Standing.Current is not { } current)
        {
            return Outcome<AssessmentView>.Fail(Failure.Conflict, $"'{_code}' has no rating yet for a veto to lower");
        }

        var framework = await _frameworks.GetVersionAsync(_tenant, current.FrameworkVersion);
        var outcome = _current.Standing.ApplyVeto(framework!, vetoId, reason, expectedRevision, caller!.AuditName, _time.GetUtcNow());
        return await CommitOfficialAsync(outcome, enforceQuota: false);
    }

    public async Task<Outcome<AssessmentView>> CorrectAssessment(ScoreChanges changes, string reason, int? expectedRevision)
    {
        var (caller, refused) = await AdmitAsync<AssessmentView>(Operation.CorrectRating);
        if ((refused ?? RatedNodeProblem()) is { } problem)
        {
            return problem;
        }

        if (_current.Standing.Current is not { } current)
        {
            return Outcome<AssessmentView>.Fail(Failure.Conflict, $"'{_code}' has no rating to correct");
        }

        var framework = await _frameworks.GetVersionAsync(_tenant, current.FrameworkVersion);
        var outcome = _current.Standing.Correct(framework!, changes, reason, expectedRevision, caller!.AuditName, _time.GetUtcNow());
        return await CommitOfficialAsync(outcome, enforceQuota: true);
    }

    /// <summary>
    /// A change to a rating a campaign set is recorded with that campaign first, which checks the quota (名额) and keeps
    /// the seats counted; then stored here. Should the write here fail, the campaign is given the old level back.
    /// </summary>
    private async Task<Outcome<AssessmentView>> CommitOfficialAsync(StandingOutcome outcome, bool enforceQuota)
    {
        var before = _current.Standing.Current?.Rating;
        if (outcome is not { Succeeded: true, Change: { } change, Standing.RatedByCampaign: { } campaign } || change.NewRating == before)
        {
            return await CommitAsync(outcome);
        }

        var official = GrainFactory.GetGrain<IOfficialRatingsGrain>(GrainKeys.OfficialRatings(_tenant, campaign));
        var revised = await official.Revise(_code, change.NewRating, enforceQuota);
        if (!revised.Succeeded)
        {
            return revised.As<AssessmentView>();
        }

        try
        {
            return await CommitAsync(outcome);
        }
        catch when (before is { } level)
        {
            await official.Revise(_code, level, enforceQuota: false);
            throw;
        }
    }

    /// <summary>Stores a changed standing and reports it up; a refusal or a repeat changes nothing.</summary>
    private async Task<Outcome<AssessmentView>> CommitAsync(StandingOutcome outcome)
    {
        if (outcome.Refusal is { } refusal)
        {
            return Outcome<AssessmentView>.Refused(refusal);
        }

        if (outcome.Change is not null)
        {
            // Awaited before the with expression: _current must be read after the last await (see NodeGrain).
            var standing = await ArchiveFullPageAsync(outcome.Standing);
            _current = _current with
            {
                Standing = standing,
                OwnVersion = _current.OwnVersion + 1,
                UpdatedAt = _time.GetUtcNow(),
            };
            var changedAt = _current.UpdatedAt;
            await _writer.WriteAsync();

            // After the write: a report sent during it carries the stored state, without this change.
            Unreported(changedAt);
            MarkReportDue();
        }

        return Outcome<AssessmentView>.Ok(AssessmentView()! with { Change = outcome.Change });
    }

    /// <summary>Moves the oldest page of a full history to a page of its own before the node writes, so the node's
    /// state stays small. The page is stored first: a failure leaves the lines in the node, to try again next time.</summary>
    private async Task<StandingAssessment> ArchiveFullPageAsync(StandingAssessment standing)
    {
        if (standing.NextArchivePage() is not { } page)
        {
            return standing;
        }

        try
        {
            await HistoryPage(page.Page).Store(page.Lines);
            return page.Kept;
        }
        catch (Exception exception) when (exception is not OutOfMemoryException)
        {
            LogArchiveFailed(exception, _code);
            return standing;
        }
    }

    private IRatingHistoryPageGrain HistoryPage(int page) =>
        GrainFactory.GetGrain<IRatingHistoryPageGrain>(GrainKeys.RatingHistoryPage(_tenant, _code, page));

    [LoggerMessage(Level = LogLevel.Warning, Message = "Node {Code} could not archive a page of its rating history; it keeps the lines and tries again")]
    private partial void LogArchiveFailed(Exception exception, string code);

    /// <summary>Why this node cannot take a rating command now, or null when it can.</summary>
    private Outcome<AssessmentView>? RatedNodeProblem()
    {
        if (_drain.Draining)
        {
            return Stopping<AssessmentView>();
        }

        if (!IsOpen)
        {
            ForgetIfUndefined();
            return NotFound<AssessmentView>();
        }

        return Definition!.Kind.IsRated()
            ? null
            : Outcome<AssessmentView>.Fail(Failure.Conflict, $"'{_code}' is a {Definition.Kind.ToApiName()}; only branches and joint branches are rated");
    }

    private AssessmentView? AssessmentView() => _current.Standing is { Current: { } assessment } standing
        ? new AssessmentView(_code, standing.Revision, assessment, standing.AssessedAt ?? _current.UpdatedAt, standing.RatedByCampaign)
        : null;
}
