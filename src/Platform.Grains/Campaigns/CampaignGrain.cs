using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Platform.Contracts;
using Platform.Contracts.Audit;
using Platform.Contracts.Campaigns;
using Platform.Contracts.Hierarchy;
using Platform.Contracts.Identity;
using Platform.Contracts.Tenancy;
using Platform.Domain.Campaigns;
using Platform.Domain.Framework;
using Platform.Domain.Hierarchy;
using Platform.Domain.Identity;
using Platform.Grains.Framework;
using Platform.Grains.Hierarchy;
using Platform.Grains.Identity;
using Platform.Grains.Persistence;
using Platform.Grains.Telemetry;

namespace Platform.Grains.Campaigns;

/// <summary>
/// <inheritdoc cref="ICampaignGrain"/>
/// Deadlines are Orleans reminders, which are durable: a stage closes at its deadline with nobody logged in and
/// across restarts. The grain checks the stored deadline when the reminder fires, since a reminder missed while no
/// silo ran fires at its next period instead.
/// </summary>
public sealed partial class CampaignGrain : Grain, ICampaignGrain, IRemindable
{
    public const string DeadlineReminder = "stage-deadline";

    /// <summary>How often a deadline that could not yet be acted on (open appeals) is tried again.</summary>
    public static readonly TimeSpan DeadlineRetryPeriod = TimeSpan.FromMinutes(1);

    private readonly IPersistentState<CampaignState> _store;
    private readonly IPersistentState<CampaignRosterState> _rosterStore;
    private readonly IPersistentState<CampaignResultsState> _resultsStore;
    private readonly FrameworkCatalog _frameworks;
    private readonly RollupOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger<CampaignGrain> _logger;
    private readonly AuditTrail _audit;
    private readonly PlatformMetrics _metrics;
    private string _tenant = "";
    private string _id = "";
    private RosterIndex _index = RosterIndex.Build(CampaignRoster.Empty);
    private CampaignSummary? _listed;

    /// <summary>Final is checking whether the campaign can become final: no appeal is taken meanwhile. Held in memory
    /// only, so a crash in the middle leaves appeals open rather than closed with nobody to reopen them.</summary>
    private bool _checkingFinal;

    public CampaignGrain(
        [PersistentState(StorageNames.Campaign, StorageNames.Provider)] IPersistentState<CampaignState> store,
        [PersistentState(StorageNames.CampaignRoster, StorageNames.Provider)] IPersistentState<CampaignRosterState> rosterStore,
        [PersistentState(StorageNames.CampaignResults, StorageNames.Provider)] IPersistentState<CampaignResultsState> resultsStore,
        FrameworkCatalog frameworks,
        IOptions<RollupOptions> options,
        TimeProvider time,
        ILogger<CampaignGrain> logger,
        AuditTrail audit,
        PlatformMetrics metrics)
    {
        _metrics = metrics;
        _store = store;
        _rosterStore = rosterStore;
        _resultsStore = resultsStore;
        _frameworks = frameworks;
        _options = options.Value;
        _time = time;
        _logger = logger;
        _audit = audit;
    }

    private CampaignState State => _store.State;

    private bool AppealsClosed => State.Finalising || State.Stage == CampaignStage.Final || _checkingFinal;

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        (_tenant, _id, _) = GrainKeys.ParseCampaign(this.GetPrimaryKeyString());
        _index = RosterIndex.Build(_rosterStore.State.Roster);
        return Task.CompletedTask;
    }

    public async Task<Outcome<CampaignView>> Create(CampaignDefinition definition)
    {
        var admission = Admission.Of(_tenant, Operation.CreateCampaign);
        if (!admission.Admitted)
        {
            ForgetIfUndefined();
            return admission.Refused<CampaignView>();
        }

        if (State.Definition is not null)
        {
            return Outcome<CampaignView>.Fail(Failure.Conflict, $"campaign '{_id}' already exists");
        }

        var framework = await _frameworks.GetVersionAsync(_tenant, definition.FrameworkVersion);
        if (framework is null)
        {
            ForgetIfUndefined();
            return Outcome<CampaignView>.Invalid("frameworkVersion", $"the tenant has no framework version {definition.FrameworkVersion}");
        }

        var now = _time.GetUtcNow();
        var errors = CampaignDefinitionRules.Validate(definition, framework.Scheme, now).ToList();
        if (errors.Count == 0)
        {
            // The scope is checked again, fully, when the roster is fixed; this catches typos at once.
            for (var i = 0; i < definition.Scope.Count; i++)
            {
                var probe = await GrainFactory.GetGrain<INodeGrain>(GrainKeys.Node(_tenant, definition.Scope[i])).Probe();
                if (probe is not { Exists: true, Closed: false, Rollup.Kind: var kind } || !kind.IsRegion())
                {
                    errors.Add(new($"scope[{i}]", $"there is no open region '{definition.Scope[i]}' in this tenant"));
                }
            }
        }

        if (errors.Count > 0)
        {
            // A refused definition leaves no campaign behind, so nothing to keep in memory either.
            ForgetIfUndefined();
            return Outcome<CampaignView>.Invalid(errors);
        }

        _store.State = new CampaignState
        {
            Definition = definition,
            Stage = CampaignStage.Draft,
            History = [new StageTransition(CampaignStage.Draft, now, admission.Actor)],
            Revision = 1,
            CreatedAt = now,
        };
        await SaveAsync();
        _metrics.StageEntered(_tenant, CampaignStage.Draft);
        return Outcome<CampaignView>.Ok(View());
    }

    public Task<CampaignView?> Get()
    {
        ForgetIfUndefined();
        return Task.FromResult(State.Definition is null ? null : View());
    }

    public Task<CampaignStatus?> GetStatus()
    {
        ForgetIfUndefined();
        return Task.FromResult(State.Definition is { } definition
            ? new CampaignStatus(State.Stage, definition.FrameworkVersion, AppealsClosed, State.Finalising, definition.CrossCheck.CascadeOnFailure)
            : null);
    }

    public Task<RosterBranch?> GetBranch(string branchCode)
    {
        ForgetIfUndefined();
        return Task.FromResult(_index.Branch(branchCode));
    }

    public Task<IReadOnlyList<RosterBranch>> GetSchoolBranches(string schoolCode) => Task.FromResult(_index.SchoolBranches(schoolCode));

    public Task<IReadOnlyList<CrossCheckAssignment>> GetAssignments() => Task.FromResult(State.Assignments);

    public Task<CrossCheckAssignment?> GetOpenAssignment(string branchCode)
    {
        ForgetIfUndefined();
        return Task.FromResult(State.Stage == CampaignStage.CrossCheck
            ? State.Assignments.FirstOrDefault(a => a.BranchCode == branchCode)
            : null);
    }

    public Task<QuotaBasis?> GetQuotaBasis() => Task.FromResult(State is { Stage: CampaignStage.Final, Definition: { } definition }
        ? new QuotaBasis(_resultsStore.State.Candidates, definition.Quotas)
        : null);

    public Task<TallyNode?> GetTallyNode(string code)
    {
        ForgetIfUndefined();
        return Task.FromResult(_index.TallyNode(code));
    }

    public Task<IReadOnlyList<RosterBranch>> ListBranches(int offset, int count) =>
        Task.FromResult<IReadOnlyList<RosterBranch>>(_rosterStore.State.Roster.Branches.Skip(Math.Max(0, offset)).Take(Math.Clamp(count, 0, 1000)).ToArray());

    public async Task<Outcome<CampaignView>> Advance(CampaignStage to)
    {
        var admission = Admission.Of(_tenant, Operation.AdvanceCampaign);
        if (!admission.Admitted)
        {
            ForgetIfUndefined();
            return admission.Refused<CampaignView>();
        }

        if (State.Definition is not { } definition)
        {
            ForgetIfUndefined();
            return Outcome<CampaignView>.Fail(Failure.NotFound, $"there is no campaign '{_id}'");
        }

        if (State.Stage == CampaignStage.Final)
        {
            return Outcome<CampaignView>.Fail(Failure.Conflict, $"campaign '{_id}' is final; a final campaign cannot change");
        }

        var next = State.Stage.Next()!.Value;
        if (to != next)
        {
            return Outcome<CampaignView>.Fail(Failure.Conflict,
                $"campaign '{_id}' is in {State.Stage.ToApiName()}; the only stage it can move to is {next.ToApiName()} (stages are never skipped or repeated)");
        }

        var opened = to switch
        {
            CampaignStage.SelfAssessment => await OpenSelfAssessmentAsync(),
            CampaignStage.CrossCheck => await DrawCrossCheckAsync(definition),
            CampaignStage.Final => await FinaliseAsync(definition),
            _ => null,
        };

        if (opened is not null)
        {
            return opened;
        }

        await EnterAsync(to, admission.Actor);
        return Outcome<CampaignView>.Ok(View());
    }

    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        if (reminderName != DeadlineReminder || State.Definition is not { } definition)
        {
            return;
        }

        if (!definition.Deadlines.TryGetValue(State.Stage, out var deadline) || State.Stage == CampaignStage.Final)
        {
            await StopDeadlineAsync();
            return;
        }

        if (_time.GetUtcNow() < deadline)
        {
            return;
        }

        var next = State.Stage.Next()!.Value;
        if (next == CampaignStage.Final && !State.Finalising && await TooEarlyForFinalAsync() is not null)
        {
            // The tenant's minimum publicity has not passed: the next tick tries again, without a warning a minute.
            return;
        }

        // A reminder's tick carries no caller: the deadline is the platform's own work.
        using var platform = CallerContext.As(Caller.System(_tenant, "deadline"));
        var from = State.Stage;
        var advanced = await Advance(next);
        if (!advanced.Succeeded)
        {
            // Not a line in the audit: nothing changed, and the next tick (a minute on) tries again.
            LogDeadlineBlocked(_id, State.Stage.ToApiName(), advanced.Detail ?? "");
            return;
        }

        await _audit.RecordAsync(_tenant, Caller.System(_tenant, "deadline"), "CampaignAdvance", $"campaigns/{_id}", null,
            200, from.ToApiName(), State.Stage.ToApiName());
    }

    private async Task<Outcome<CampaignView>?> OpenSelfAssessmentAsync()
    {
        var builder = new RosterBuilder(GrainFactory, _tenant, _options.ProbeConcurrency);
        var (roster, errors) = await builder.BuildAsync(State.Definition!.Scope, count => LogRosterProgress(_id, count));
        if (roster is null)
        {
            return Outcome<CampaignView>.Invalid(errors);
        }

        if (roster.Branches.Count == 0)
        {
            return Outcome<CampaignView>.Fail(Failure.Conflict, "the scope holds no Party branch to assess; import the hierarchy first");
        }

        _rosterStore.State = new CampaignRosterState { Roster = roster };
        await _rosterStore.WriteStateAsync();
        _index = RosterIndex.Build(roster);
        return null;
    }

    private async Task<Outcome<CampaignView>?> DrawCrossCheckAsync(CampaignDefinition definition)
    {
        var submitted = new List<CrossCheckCandidate>();
        await foreach (var (branch, tally) in WalkBranchesAsync())
        {
            if (tally.Submitted == 1)
            {
                submitted.Add(new CrossCheckCandidate(branch.Code, branch.CityCode));
            }
        }

        var cities = _rosterStore.State.Roster.Branches.Select(b => b.CityCode).Distinct().Order(StringComparer.Ordinal).ToArray();
        var draw = CrossCheckDraw.Draw(definition.Seed, submitted, cities, definition.CrossCheck);
        if (!draw.Succeeded)
        {
            return Outcome<CampaignView>.Fail(Failure.Conflict, string.Join("; ", draw.Errors), draw.Errors);
        }

        _store.State = State with { Assignments = draw.Assignments };
        await SaveAsync();
        foreach (var batch in draw.Assignments.Chunk(_options.ProbeConcurrency))
        {
            await Task.WhenAll(batch.Select(a => Entry(a.BranchCode).MarkSampled(a.ReviewerCity)));
        }

        return null;
    }

    /// <summary>
    /// Makes every result official, branch by branch, at the level the quotas (名额) leave it. Refused, changing nothing,
    /// until the tenant's minimum publicity has passed and while an appeal is open: the campaign stays in publicity and
    /// takes appeals again; they are closed only while the check runs and, once it passes, for good. The quota
    /// candidates are stored before any result is official, and a re-run takes a branch already official as the quotas
    /// saw it then, so every rank in a demotion's audit line is the one that decided it. Each branch's entry and node
    /// take the result idempotently, so a run cut short (a crash, a refused branch) is finished by running it again.
    /// </summary>
    private async Task<Outcome<CampaignView>?> FinaliseAsync(CampaignDefinition definition)
    {
        if (!State.Finalising && await TooEarlyForFinalAsync() is { } tooEarly)
        {
            return Outcome<CampaignView>.Fail(Failure.Conflict, tooEarly);
        }

        var framework = await _frameworks.GetVersionAsync(_tenant, definition.FrameworkVersion);
        List<RosterBranch> branches;
        _checkingFinal = true;
        try
        {
            var (walked, candidates, open) = await CollectCandidatesAsync(definition, framework!.Scheme);
            if (open > 0)
            {
                return Outcome<CampaignView>.Fail(Failure.Conflict,
                    $"{open} appeals are still open; decide each (PUT …/branches/{{code}}/appeal/decision), then advance to final again." +
                    (State.Finalising ? "" : " Until then the campaign stays in publicity and takes appeals."));
            }

            _resultsStore.State = new CampaignResultsState { Candidates = candidates };
            await _resultsStore.WriteStateAsync();
            if (!State.Finalising)
            {
                _store.State = State with { Finalising = true };
                await SaveAsync();
            }

            branches = walked;
        }
        finally
        {
            _checkingFinal = false;
        }

        var placements = RatingQuotas.Apply(_resultsStore.State.Candidates, definition.Quotas.Quotas);

        // Whoever advanced to final, making each result official is the platform's work, and each branch records it so.
        using var platform = CallerContext.As(Caller.System(_tenant, "final"));
        var finalised = 0;
        var refusals = new List<FieldError>();
        foreach (var batch in branches.Chunk(_options.ProbeConcurrency))
        {
            var results = await Task.WhenAll(batch.Select(b => FinaliseOneAsync(b.Code, placements.GetValueOrDefault(b.Code))));
            for (var i = 0; i < batch.Length; i++)
            {
                if (results[i].Succeeded)
                {
                    finalised++;
                }
                else
                {
                    refusals.Add(new($"branches.{batch[i].Code}", results[i].Detail ?? "refused"));
                }
            }

            if (finalised % 5000 < _options.ProbeConcurrency)
            {
                LogFinaliseProgress(_id, finalised, branches.Count);
            }
        }

        _store.State = State with { Finalised = finalised };
        await SaveAsync();
        return refusals.Count == 0
            ? null
            : Outcome<CampaignView>.Fail(Failure.Conflict,
                $"{refusals.Count} branches could not be finalised yet; resolve them and advance to final again", refusals.Take(100).ToArray());
    }

    /// <summary>Why final must wait for the tenant's minimum publicity (公示), or null when it has passed.</summary>
    private async Task<string?> TooEarlyForFinalAsync()
    {
        var began = State.History.Last(h => h.Stage == CampaignStage.Publicity).At;
        var tenant = await GrainFactory.GetGrain<ITenantGrain>(GrainKeys.Tenant(_tenant)).Get();
        return PublicityPeriod.TooEarly(began, tenant?.MinimumPublicityDays ?? PublicityPeriod.DefaultDays, _time.GetUtcNow());
    }

    /// <summary>Every branch on the roster, the quota candidates among them and the appeals still open. A branch already
    /// official is taken as the stored candidates had it: its tally now shows the official level, not the earned one.</summary>
    private async Task<(List<RosterBranch> Branches, List<QuotaCandidate> Candidates, int OpenAppeals)> CollectCandidatesAsync(
        CampaignDefinition definition, RatingScheme scheme)
    {
        var stored = _resultsStore.State.Candidates.ToDictionary(c => c.BranchCode, StringComparer.Ordinal);
        var branches = new List<RosterBranch>();
        var candidates = new List<QuotaCandidate>();
        var open = 0;
        await foreach (var (branch, tally) in WalkBranchesAsync())
        {
            branches.Add(branch);
            open += tally.AppealsOpen;
            if (tally.Finalised == 1 && stored.TryGetValue(branch.Code, out var placed))
            {
                candidates.Add(placed);
            }
            else if (tally.Rated == 1)
            {
                candidates.Add(new QuotaCandidate(
                    branch.Code,
                    QuotaRegion(definition.Quotas.RegionLevel, branch),
                    tally.ScoreSum,
                    tally.DimensionSums[Dimension.OrganisationalLife],
                    RatingLevels.Of(scheme).Single(level => tally.Ratings[level] == 1)));
            }
        }

        return (branches, candidates, open);
    }

    /// <summary>A branch that fails to finalise (its node unreachable, say) does not stop the others; the run reports
    /// it, and the next run finishes it.</summary>
    private async Task<Outcome<FinalResult>> FinaliseOneAsync(string branchCode, QuotaPlacement? placement)
    {
        try
        {
            return await Entry(branchCode).Finalise(placement);
        }
        catch (Exception exception)
        {
            LogFinaliseFailed(exception, _id, branchCode);
            return Outcome<FinalResult>.Fail(Failure.Conflict, $"could not be finalised ({exception.Message}); advance to final again to finish");
        }
    }

    private static string QuotaRegion(NodeKind level, RosterBranch branch) => level switch
    {
        NodeKind.City => branch.CityCode,
        NodeKind.County => branch.CountyCode ?? branch.CityCode,
        _ => CampaignRoster.ScopeRoot,
    };

    /// <summary>Every branch with its current tally, read from the schools' (and regions') progress, a few calls at a time.</summary>
    private async IAsyncEnumerable<(RosterBranch Branch, CampaignTally Tally)> WalkBranchesAsync()
    {
        foreach (var batch in _index.BranchParents.Chunk(_options.ProbeConcurrency))
        {
            var views = await Task.WhenAll(batch.Select(code => Tally(code).GetView()));
            foreach (var view in views)
            {
                foreach (var child in view?.Children ?? [])
                {
                    if (child.IsBranch && _index.Branch(child.Code) is { } branch)
                    {
                        yield return (branch, child.Tally);
                    }
                }
            }
        }
    }

    private async Task EnterAsync(CampaignStage stage, string actor)
    {
        var now = _time.GetUtcNow();
        _store.State = State with
        {
            Stage = stage,
            Finalising = false,
            History = [.. State.History, new StageTransition(stage, now, actor)],
        };
        await SaveAsync();
        _metrics.StageEntered(_tenant, stage);

        if (stage != CampaignStage.Final && State.Definition!.Deadlines.TryGetValue(stage, out var deadline))
        {
            var due = deadline - now;
            await this.RegisterOrUpdateReminder(DeadlineReminder, due > TimeSpan.Zero ? due : TimeSpan.Zero, DeadlineRetryPeriod);
        }
        else
        {
            await StopDeadlineAsync();
        }
    }

    private async Task StopDeadlineAsync()
    {
        if (await this.GetReminder(DeadlineReminder) is { } reminder)
        {
            await this.UnregisterReminder(reminder);
        }
    }

    private async Task SaveAsync()
    {
        _store.State = State with { Revision = State.Revision + 1 };
        await _store.WriteStateAsync();

        // The tenant's list shows only name, kind and stage: most saves (the draw, finalisation counts) leave it as it is.
        var summary = new CampaignSummary(_id, State.Definition!.Name, State.Definition.Kind, State.Stage, State.CreatedAt);
        if (summary != _listed)
        {
            await GrainFactory.GetGrain<ICampaignDirectoryGrain>(GrainKeys.CampaignDirectory(_tenant)).Upsert(summary);
            _listed = summary;
        }
    }

    /// <summary>
    /// A campaign never created (an unknown id was asked for) holds nothing worth keeping: deactivate it after this
    /// call rather than hold memory until collection. Orleans deactivates only once no call is running, so a Create
    /// arriving meanwhile completes and is stored.
    /// </summary>
    private void ForgetIfUndefined()
    {
        if (State.Definition is null)
        {
            DeactivateOnIdle();
        }
    }

    private CampaignView View() => new(
        _id, State.Definition!, State.Stage, State.History, _rosterStore.State.Roster.Branches.Count, State.Assignments.Count,
        AppealsClosed, State.Finalising, State.Finalised, State.Revision);

    private ICampaignEntryGrain Entry(string code) =>
        GrainFactory.GetGrain<ICampaignEntryGrain>(GrainKeys.CampaignEntry(_tenant, _id, code));

    private ICampaignTallyGrain Tally(string code) =>
        GrainFactory.GetGrain<ICampaignTallyGrain>(GrainKeys.CampaignTally(_tenant, _id, code));

    [LoggerMessage(Level = LogLevel.Information, Message = "Campaign {Id}: roster has {Count} branches so far")]
    private partial void LogRosterProgress(string id, int count);

    [LoggerMessage(Level = LogLevel.Information, Message = "Campaign {Id}: finalised {Done} of {Total} branches")]
    private partial void LogFinaliseProgress(string id, int done, int total);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Campaign {Id}: branch {Branch} could not be finalised; a re-run will finish it")]
    private partial void LogFinaliseFailed(Exception exception, string id, string branch);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Campaign {Id}: the {Stage} deadline passed but the stage cannot close yet: {Reason}")]
    private partial void LogDeadlineBlocked(string id, string stage, string reason);
}
