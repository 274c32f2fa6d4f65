using Platform.Contracts;
using Platform.Contracts.Hierarchy;
using Platform.Domain.Hierarchy;
using Platform.Domain.Scoring;
using Platform.Domain.Standing;

namespace Platform.Grains.Hierarchy;

/// <summary>A branch's standing rating: the grain loads the framework version, asks the domain, stores and reports.</summary>
public sealed partial class NodeGrain
{
    public Task<Outcome<AssessmentView>> GetAssessment()
    {
        if (!IsOpen)
        {
            return Task.FromResult(NotFound<AssessmentView>());
        }

        return Task.FromResult(AssessmentView() is { } view
            ? Outcome<AssessmentView>.Ok(view)
            : Outcome<AssessmentView>.Fail(Failure.NotFound, $"'{_code}' has no assessment yet"));
    }

    public Task<Outcome<IReadOnlyList<RatingChange>>> GetRatingHistory() => Task.FromResult(IsOpen && Definition!.Kind.IsRated()
        ? Outcome<IReadOnlyList<RatingChange>>.Ok(_current.Standing.History)
        : NotFound<IReadOnlyList<RatingChange>>());

    public async Task<Outcome<AssessmentView>> PutAssessment(AssessmentInput input, int? expectedRevision, string actor)
    {
        if (RatedNodeProblem() is { } problem)
        {
            return problem;
        }

        var framework = await _frameworks.GetCurrentAsync(_tenant);
        return framework is null
            ? Outcome<AssessmentView>.Fail(Failure.Conflict, "the tenant has no published framework version")
            : await CommitAsync(_current.Standing.Baseline(framework, input, expectedRevision, actor, _time.GetUtcNow()));
    }

    public async Task<Outcome<AssessmentView>> ApplyCampaignResult(string campaignId, Assessment official, string reason) =>
        RatedNodeProblem() ?? await CommitAsync(_current.Standing.ApplyCampaignFinal(campaignId, official, "final", reason, _time.GetUtcNow()));

    public async Task<Outcome<AssessmentView>> ApplyVeto(string vetoId, string reason, string actor, int? expectedRevision)
    {
        if (RatedNodeProblem() is { } problem)
        {
            return problem;
        }

        if (_current.Standing.Current is not { } current)
        {
            return Outcome<AssessmentView>.Fail(Failure.Conflict, $"'{_code}' has no rating yet for a veto to lower");
        }

        var framework = await _frameworks.GetVersionAsync(_tenant, current.FrameworkVersion);
        var outcome = _current.Standing.ApplyVeto(framework!, vetoId, reason, expectedRevision, actor, _time.GetUtcNow());
        return await CommitAsync(outcome);
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
            _current = _current with
            {
                Standing = outcome.Standing,
                OwnVersion = _current.OwnVersion + 1,
                UpdatedAt = _time.GetUtcNow(),
            };
            await _writer.WriteAsync();
            MarkReportDue();
        }

        return Outcome<AssessmentView>.Ok(AssessmentView()!);
    }

    /// <summary>Why this node cannot take a rating command now, or null when it can.</summary>
    private Outcome<AssessmentView>? RatedNodeProblem()
    {
        if (_drain.Draining)
        {
            return Stopping<AssessmentView>();
        }

        if (!IsOpen)
        {
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
