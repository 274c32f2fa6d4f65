using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Platform.Contracts;
using Platform.Contracts.Audit;
using Platform.Contracts.Hierarchy;
using Platform.Contracts.Tenancy;
using Platform.Domain.Hierarchy;
using Platform.Domain.Ranking;
using Platform.Domain.Rollups;
using Platform.Domain.Scoring;
using Platform.Grains.Framework;
using Platform.Grains.Persistence;

namespace Platform.Grains.Hierarchy;

/// <summary>
/// A node of the hierarchy. Its rollup is <c>own + Σ children</c>, reported to its parent at version
/// <c>retired + own + Σ child versions</c> (see <see cref="RollupLedger"/>), so reports are idempotent and a
/// parent can always tell a newer report from a duplicate or a late one.
/// </summary>
/// <remarks>
/// Every change to <see cref="_current"/> is a single synchronous <c>with</c> expression, never a value computed before
/// an await: the hierarchy-protocol methods interleave with commands, and a stale copy would undo their changes.
/// Reports carry only what has been written (<see cref="_durable"/>), so a version once reported never goes back.
/// </remarks>
public sealed partial class NodeGrain : Grain, INodeGrain
{
    private readonly IPersistentState<NodeState> _store;
    private readonly FrameworkCatalog _frameworks;
    private readonly RollupOptions _options;
    private readonly ReportDrain _drain;
    private readonly TimeProvider _time;
    private readonly ILogger<NodeGrain> _logger;
    private readonly CoalescingWriter _writer;
    private readonly AuditTrail _audit;

    private string _key = "";
    private string _tenant = "";
    private string _code = "";
    private NodeState _current = new();
    private NodeState _durable = new();
    private RollupLedger _ledger = new();
    private bool _cleanShutdown;

    private IGrainTimer? _flushTimer;
    private DateTimeOffset _flushDueAt = DateTimeOffset.MaxValue;
    private bool _reportDue;
    private bool _checkpointDue;
    private DateTimeOffset _lastReportAt = DateTimeOffset.MinValue;
    private DateTimeOffset _lastCheckpointAt = DateTimeOffset.MinValue;
    private DateTimeOffset _retryAt = DateTimeOffset.MinValue;

    /// <summary>The kind a definition in progress is changing this node to; until it is stored, a child may attach
    /// only if both the old and the new kind can hold it, or a concurrent move could build a cycle.</summary>
    private NodeKind? _becoming;

    public NodeGrain(
        [PersistentState(StorageNames.Node, StorageNames.Provider)] IPersistentState<NodeState> store,
        FrameworkCatalog frameworks,
        IOptions<RollupOptions> options,
        ReportDrain drain,
        TimeProvider time,
        ILogger<NodeGrain> logger,
        AuditTrail audit)
    {
        _audit = audit;
        _store = store;
        _frameworks = frameworks;
        _options = options.Value;
        _drain = drain;
        _time = time;
        _logger = logger;
        _writer = new CoalescingWriter(WriteSnapshotAsync);
    }

    private NodeDefinition? Definition => _current.Definition;

    private bool IsOpen => Definition is not null && !_current.Closed;

    private bool PersistsRollup => Definition?.Kind.IsRegion() == true;

    /// <summary>Where reports go: the parent as last written; none for the root or a closed node.</summary>
    private string? ReportTarget => _durable.Closed ? null : _durable.Definition?.ParentCode;

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _key = this.GetPrimaryKeyString();
        (_tenant, _code) = GrainKeys.ParseNode(_key);
        _current = _store.State ?? new NodeState();
        _durable = _current;
        _ledger = new RollupLedger(_current.RetiredVersions, _current.Children);
        if (Definition is null)
        {
            return;
        }

        if (!PersistsRollup || !_current.Clean)
        {
            await RebuildLedgerAsync();
        }

        if (_current.Clean)
        {
            // From now until a clean deactivation, the stored ledger may miss reports accepted in memory.
            await _writer.WriteAsync();
        }

        if (_current.PendingDetachFrom is not null)
        {
            // Not here: the former parent may itself be activating and probing this node, which waits for us.
            this.RegisterGrainTimer(_ => CompleteDetachAsync(), new GrainTimerCreationOptions(TimeSpan.Zero, Timeout.InfiniteTimeSpan));
        }

        // Always report once, though nothing here looks dirty: a rebuilt ledger can hold news the parent never got.
        // Without this line RollupExactnessTests leaves counties short (about one run in three) after deactivating
        // everything with reports pending, while no report ever reaches a parent during its deactivation. What fits:
        // a child's last report, sent as this node deactivated, is rerouted to this new activation after its probes
        // already read the same version, so it applies as a duplicate and marks nothing due.
        MarkReportDue();
    }

    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        if (Definition is null)
        {
            return;
        }

        // The last report is sent, not awaited: the parent may be deactivating too, and its next activation would
        // probe this one, which cannot answer until this deactivation ends. It stays pending in the drain's count
        // until the parent takes it, so no region stopping meanwhile claims a complete ledger.
        if (_reportDue && ReportTarget is { } parent)
        {
            Node(parent).ReportChild(CurrentRollup())
                .ContinueWith(_ => _drain.Delivered(_key, this), CancellationToken.None, TaskContinuationOptions.OnlyOnRanToCompletion, TaskScheduler.Default)
                .Ignore();
        }
        else
        {
            _drain.Delivered(_key, this);
        }

        try
        {
            if (PersistsRollup)
            {
                _cleanShutdown = _drain.AllowsCleanCheckpoint;
                await _writer.WriteAsync();
            }
        }
        catch (Exception exception)
        {
            // The next activation rebuilds from the children, because the stored state is not marked clean.
            LogDeactivationFlushFailed(exception, _code);
        }
    }

    public async Task<Outcome<NodeChange>> Define(NodeDefinition definition, IReadOnlyList<NodeDefinition>? children = null)
    {
        if (_drain.Draining)
        {
            return Stopping<NodeChange>();
        }

        var errors = NodeDefinitionRules.Validate(definition).ToList();
        if (definition.Code != _code)
        {
            errors.Add(new("code", $"must be the code of the node addressed ('{_code}')"));
        }

        if (errors.Count > 0)
        {
            return Outcome<NodeChange>.Invalid(errors);
        }

        var existing = IsOpen ? Definition : null;
        if (Definition is { } known && !known.Kind.CanBecome(definition.Kind))
        {
            return Outcome<NodeChange>.Fail(Failure.Conflict,
                $"'{_code}' is a {known.Kind.ToApiName()} and cannot become a {definition.Kind.ToApiName()}");
        }

        if (existing is not null && existing.SameAs(definition))
        {
            if (AttachAnnounced(definition, children))
            {
                await _writer.WriteAsync();
            }

            return Outcome<NodeChange>.Ok(NodeChange.Unchanged);
        }

        if (_ledger.Children.FirstOrDefault(c => !definition.Kind.CanHold(c.Kind)) is { } misfit)
        {
            return Outcome<NodeChange>.Fail(Failure.Conflict,
                $"a {definition.Kind.ToApiName()} cannot hold its {misfit.Kind.ToApiName()} '{misfit.Code}': move it first");
        }

        // Set in the same turn as the check above: a child attaching while this change is awaited is checked against
        // the new kind as well as the old one.
        _becoming = definition.Kind;
        try
        {
            return await ApplyDefinitionAsync(existing, definition, children);
        }
        finally
        {
            _becoming = null;
        }
    }

    private async Task<Outcome<NodeChange>> ApplyDefinitionAsync(
        NodeDefinition? existing, NodeDefinition definition, IReadOnlyList<NodeDefinition>? children)
    {
        if (definition.Kind == NodeKind.Province)
        {
            var claim = await GrainFactory.GetGrain<ITenantGrain>(GrainKeys.Tenant(_tenant)).ClaimRoot(_code);
            if (!claim.Succeeded)
            {
                return claim.As<NodeChange>();
            }
        }

        var oldCovers = existing?.CoveredSchools ?? [];
        var added = definition.CoveredSchools.Except(oldCovers).ToList();
        var removed = oldCovers.Except(definition.CoveredSchools).ToList();
        if (await CoverAsync(added) is { } coverageError)
        {
            return Outcome<NodeChange>.Invalid([coverageError]);
        }

        var rehomed = existing?.ParentCode != definition.ParentCode;
        if (definition.ParentCode is { } parent && (rehomed || existing?.Kind != definition.Kind))
        {
            var attach = await Node(parent).AttachChild(_code, definition.Kind, definition.Name);
            if (!attach.Succeeded)
            {
                await UncoverAsync(added);
                return attach.Failure == Failure.NotFound
                    ? Outcome<NodeChange>.Invalid("parentCode", $"there is no open node '{parent}' in this tenant to hold '{_code}'")
                    : attach.As<NodeChange>();
            }
        }

        var formerParent = rehomed ? existing?.ParentCode : null;
        AttachAnnounced(definition, children);
        _current = _current with
        {
            Definition = definition,
            Closed = false,
            Revision = _current.Revision + 1,
            OwnVersion = _current.OwnVersion + 1,
            PendingDetachFrom = formerParent ?? _current.PendingDetachFrom,
            UpdatedAt = _time.GetUtcNow(),
        };
        await _writer.WriteAsync();

        await CompleteDetachAsync();
        await UncoverAsync(removed);
        MarkReportDue();
        return Outcome<NodeChange>.Ok(existing is null ? NodeChange.Created : NodeChange.Updated);
    }

    /// <summary>Attaches the children an import announced; the caller writes. Children this node cannot hold are left
    /// for their own definition to refuse.</summary>
    private bool AttachAnnounced(NodeDefinition definition, IReadOnlyList<NodeDefinition>? children)
    {
        var attached = false;
        foreach (var child in children ?? [])
        {
            if (child.ParentCode == _code && definition.Kind.CanHold(child.Kind))
            {
                attached |= _ledger.Attach(child.Code, child.Kind, child.Name);
            }
        }

        return attached;
    }

    public async Task<Outcome<NodeInfo>> Move(string newParentCode, int? expectedRevision = null)
    {
        if (!IsOpen)
        {
            return NotFound<NodeInfo>();
        }

        if (Stale<NodeInfo>(expectedRevision) is { } stale)
        {
            return stale;
        }

        var moved = await Define(Definition! with { ParentCode = newParentCode });
        return moved.Succeeded ? Outcome<NodeInfo>.Ok(Info()) : moved.As<NodeInfo>();
    }

    public async Task<Outcome<NodeInfo>> Close(int? expectedRevision = null)
    {
        if (_drain.Draining)
        {
            return Stopping<NodeInfo>();
        }

        if (Definition is null)
        {
            return NotFound<NodeInfo>();
        }

        if (_current.Closed)
        {
            return Outcome<NodeInfo>.Ok(Info());
        }

        if (Stale<NodeInfo>(expectedRevision) is { } stale)
        {
            return stale;
        }

        if (Definition.Kind == NodeKind.Province)
        {
            return Outcome<NodeInfo>.Fail(Failure.Conflict, "the province is the tenant's root and cannot be closed");
        }

        if (_ledger.Count > 0)
        {
            return Outcome<NodeInfo>.Fail(Failure.Conflict,
                $"'{_code}' still holds {_ledger.Count} open children: move or close them first");
        }

        _current = _current with
        {
            Closed = true,
            Revision = _current.Revision + 1,
            OwnVersion = _current.OwnVersion + 1,
            PendingDetachFrom = Definition.ParentCode,
            UpdatedAt = _time.GetUtcNow(),
        };
        await _writer.WriteAsync();
        await CompleteDetachAsync();
        await UncoverAsync(Definition.CoveredSchools);
        return Outcome<NodeInfo>.Ok(Info());
    }

    public Task<NodeView?> GetView(ChildrenQuery query)
    {
        if (Definition is null)
        {
            ForgetIfUndefined();
            return Task.FromResult<NodeView?>(null);
        }

        var view = new NodeView(Info(), SummaryView(), ChildRanking.Apply(_ledger.Children, query));
        return Task.FromResult<NodeView?>(view);
    }

    public Task<SummaryView?> GetSummary()
    {
        ForgetIfUndefined();
        return Task.FromResult(Definition is null ? null : SummaryView());
    }

    public Task<IReadOnlyList<ChildRollup>> GetChildren() =>
        Task.FromResult<IReadOnlyList<ChildRollup>>(IsOpen ? _ledger.Children.ToArray() : []);

    public async Task<Outcome<string>> AttachChild(string code, NodeKind kind, string name)
    {
        if (!IsOpen)
        {
            return NotFound<string>();
        }

        if (!Definition!.Kind.CanHold(kind) || _becoming?.CanHold(kind) == false)
        {
            var holder = Definition.Kind.CanHold(kind) ? _becoming!.Value : Definition.Kind;
            return Outcome<string>.Invalid("parentCode",
                $"a {holder.ToApiName()} ('{_code}') cannot hold a {kind.ToApiName()}");
        }

        if (_ledger.Attach(code, kind, name))
        {
            // Durable before the child commits to this parent, so a rebuilt ledger always knows its children.
            await _writer.WriteAsync();
        }

        return Outcome<string>.Ok(_code);
    }

    public async Task DetachChild(string code)
    {
        if (_ledger.Detach(code))
        {
            RollupChanged();
            await _writer.WriteAsync();
        }
    }

    public Task ReportChild(ChildRollup report)
    {
        if (_ledger.Apply(report))
        {
            RollupChanged();
        }

        return Task.CompletedTask;
    }

    public async Task FlushReport()
    {
        if (_reportDue)
        {
            await ReportAsync();
        }
    }

    public Task<RollupProbe> Probe()
    {
        ForgetIfUndefined();
        return Task.FromResult(_durable.Definition is { } definition
            ? new RollupProbe(true, _durable.Closed, definition.ParentCode, CurrentRollup())
            : new RollupProbe(false, false, null, null));
    }

    /// <summary>
    /// A node never defined (an unknown code was asked for) holds nothing worth keeping: deactivate it after this call
    /// rather than hold memory until collection. Orleans deactivates only once no call is running, so a definition
    /// arriving meanwhile completes and is stored; later calls reach a fresh activation.
    /// </summary>
    private void ForgetIfUndefined()
    {
        if (Definition is null && _durable.Definition is null)
        {
            DeactivateOnIdle();
        }
    }

    public async Task<Outcome<string>> SetCoverage(string jointBranchCode, bool covers)
    {
        if (!IsOpen || Definition!.Kind != NodeKind.School)
        {
            return Outcome<string>.Fail(Failure.NotFound, $"there is no open school '{_code}' in this tenant");
        }

        if (_current.CoveredBy.Contains(jointBranchCode) == covers)
        {
            return Outcome<string>.Ok(_code);
        }

        _current = _current with
        {
            CoveredBy = covers ? [.. _current.CoveredBy, jointBranchCode] : [.. _current.CoveredBy.Where(c => c != jointBranchCode)],
            OwnVersion = _current.OwnVersion + 1,
            UpdatedAt = _time.GetUtcNow(),
        };
        await _writer.WriteAsync();
        MarkReportDue();
        return Outcome<string>.Ok(_code);
    }

    private INodeGrain Node(string code) => GrainFactory.GetGrain<INodeGrain>(GrainKeys.Node(_tenant, code));

    /// <summary>The rollup as last written: own facts from storage plus the children's reports.</summary>
    private ChildRollup CurrentRollup()
    {
        var definition = _durable.Definition ?? Definition!;
        var version = _ledger.RetiredVersions + _durable.OwnVersion + _ledger.ChildVersions;
        return new ChildRollup(definition.Code, definition.Kind, definition.Name, version, OwnSummary(_durable) + _ledger.Total);
    }

    private Summary OwnSummary(NodeState state) => state.Definition switch
    {
        null => Summary.Zero,
        _ when state.Closed => Summary.Zero,
        { Kind: NodeKind.School, School: { } profile } =>
            Summary.ForSchool(profile, _ledger.Total.Organisations > 0 || state.CoveredBy.Count > 0),
        { Kind: var kind } d when kind.IsOrganisation() =>
            Summary.ForOrganisation(kind, d.Members, d.ProbationaryMembers, state.Standing.Current),
        _ => Summary.Zero,
    };

    private NodeInfo Info() => new(Definition!, _current.Closed, _current.CoveredBy, _current.Revision);

    private Outcome<T>? Stale<T>(int? expectedRevision) => expectedRevision is { } expected && expected != _current.Revision
        ? Outcome<T>.Fail(Failure.PreconditionFailed,
            $"'{_code}' is at revision {_current.Revision}, not {expected}: it changed since you read it; read it again")
        : null;

    private SummaryView SummaryView()
    {
        var rollup = CurrentRollup();
        return new SummaryView(rollup.Summary, rollup.Version, _current.UpdatedAt);
    }


    private static Outcome<T> NotFound<T>() => Outcome<T>.Fail(Failure.NotFound, "no such node in this tenant");

    private static Outcome<T> Stopping<T>() =>
        Outcome<T>.Fail(Failure.Unavailable, "the platform is stopping; nothing was changed: retry in a few seconds");

    private async Task<FieldError?> CoverAsync(IReadOnlyList<string> schools)
    {
        for (var i = 0; i < schools.Count; i++)
        {
            var covered = await Node(schools[i]).SetCoverage(_code, true);
            if (!covered.Succeeded)
            {
                await UncoverAsync(schools.Take(i).ToList());
                return new FieldError("covers", $"there is no open school '{schools[i]}' in this tenant");
            }
        }

        return null;
    }

    private async Task UncoverAsync(IReadOnlyList<string> schools)
    {
        foreach (var school in schools)
        {
            await Node(school).SetCoverage(_code, false);
        }
    }

    private async Task CompleteDetachAsync()
    {
        if (_current.PendingDetachFrom is { } formerParent)
        {
            await Node(formerParent).DetachChild(_code);
            // Cleared in memory now and in storage with the next write; until then a re-activation detaches again, harmlessly.
            _current = _current with { PendingDetachFrom = null };
        }
    }

    private async Task RebuildLedgerAsync()
    {
        var detached = false;
        foreach (var batch in _ledger.Codes.ToArray().Chunk(_options.ProbeConcurrency))
        {
            var probes = await Task.WhenAll(batch.Select(code => Node(code).Probe()));
            for (var i = 0; i < batch.Length; i++)
            {
                var probe = probes[i];
                if (!probe.Exists || probe.Closed || probe.ParentCode != _code)
                {
                    detached |= _ledger.Detach(batch[i]);
                }
                else if (probe.Rollup is { } rollup)
                {
                    _ledger.Apply(rollup);
                }
            }
        }

        if (detached)
        {
            await _writer.WriteAsync();
        }
    }

    private async Task WriteSnapshotAsync()
    {
        var snapshot = _current with
        {
            RetiredVersions = _ledger.RetiredVersions,
            Children = PersistsRollup
                ? _ledger.Children.ToArray()
                : _ledger.Children.Select(c => ChildRollup.Placeholder(c.Code, c.Kind, c.Name)).ToArray(),
            Clean = _cleanShutdown,
        };

        _store.State = snapshot;
        try
        {
            await _store.WriteStateAsync();
        }
        catch
        {
            // The stored state is now unknown (a concurrent writer, a lost connection): start again from storage.
            DeactivateOnIdle();
            throw;
        }

        _durable = snapshot;
        _current = _current with { Clean = false };
        _lastCheckpointAt = _time.GetUtcNow();
    }

    private void RollupChanged()
    {
        _current = _current with { UpdatedAt = _time.GetUtcNow() };
        _checkpointDue |= PersistsRollup;
        MarkReportDue();
    }

    private void MarkReportDue()
    {
        _reportDue = Definition?.ParentCode is not null;
        if (_reportDue)
        {
            _drain.Pending(_key, this);
        }

        ScheduleFlush();
    }

    /// <summary>Arms the flush timer for the earliest thing due: a report (rate-limited) or a checkpoint.</summary>
    private void ScheduleFlush()
    {
        if (!_reportDue && !_checkpointDue)
        {
            return;
        }

        var dueAt = DateTimeOffset.MaxValue;
        if (_reportDue)
        {
            dueAt = Max(_lastReportAt + _options.ReportInterval, _retryAt);
        }

        if (_checkpointDue)
        {
            dueAt = Min(dueAt, _lastCheckpointAt + _options.CheckpointInterval);
        }

        var now = _time.GetUtcNow();
        dueAt = Max(dueAt, now);
        if (dueAt >= _flushDueAt)
        {
            return;
        }

        _flushDueAt = dueAt;
        var delay = dueAt - now;
        if (_flushTimer is null)
        {
            _flushTimer = this.RegisterGrainTimer(FlushAsync, new GrainTimerCreationOptions(delay, Timeout.InfiniteTimeSpan));
        }
        else
        {
            _flushTimer.Change(delay, Timeout.InfiniteTimeSpan);
        }
    }

    private async Task FlushAsync(CancellationToken cancellationToken)
    {
        _flushDueAt = DateTimeOffset.MaxValue;
        var now = _time.GetUtcNow();
        if (_reportDue && now >= _lastReportAt + _options.ReportInterval && now >= _retryAt)
        {
            await ReportAsync();
        }

        if (_checkpointDue && now >= _lastCheckpointAt + _options.CheckpointInterval)
        {
            _checkpointDue = false;
            await _writer.WriteAsync();
        }

        if (!_reportDue && !_checkpointDue)
        {
            // Most organisations report once and then sit idle for hours: a parked timer is memory they do not need.
            _flushTimer?.Dispose();
            _flushTimer = null;
            return;
        }

        ScheduleFlush();
    }

    private async Task ReportAsync()
    {
        _reportDue = false;
        if (ReportTarget is not { } parent)
        {
            _drain.Delivered(_key, this);
            return;
        }

        try
        {
            await Node(parent).ReportChild(CurrentRollup());
            _lastReportAt = _time.GetUtcNow();
            if (!_reportDue)
            {
                _drain.Delivered(_key, this);
            }
        }
        catch (Exception exception)
        {
            LogReportFailed(exception, _code, parent);
            _reportDue = true;
            _retryAt = _time.GetUtcNow() + _options.RetryDelay;
        }
    }

    private static DateTimeOffset Max(DateTimeOffset a, DateTimeOffset b) => a > b ? a : b;

    private static DateTimeOffset Min(DateTimeOffset a, DateTimeOffset b) => a < b ? a : b;

    [LoggerMessage(Level = LogLevel.Warning, Message = "Node {Code} could not report to its parent {Parent}; it will retry")]
    private partial void LogReportFailed(Exception exception, string code, string parent);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Node {Code} could not flush on deactivation; it will rebuild on its next activation")]
    private partial void LogDeactivationFlushFailed(Exception exception, string code);
}
