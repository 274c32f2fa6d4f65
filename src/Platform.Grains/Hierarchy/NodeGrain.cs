using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Platform.Contracts;
using Platform.Contracts.Audit;
using Platform.Contracts.Hierarchy;
using Platform.Contracts.Identity;
using Platform.Contracts.Tenancy;
using Platform.Domain.Hierarchy;
using Platform.Domain.Identity;
using Platform.Domain.Ranking;
using Platform.Domain.Rollups;
using Platform.Domain.Scoring;
using Platform.Grains.Framework;
using Platform.Grains.Identity;
using Platform.Grains.Persistence;
using Platform.Grains.Telemetry;

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
    private readonly NodeAncestry _ancestry;
    private readonly TimeProvider _time;
    private readonly ILogger<NodeGrain> _logger;
    private readonly CoalescingWriter _writer;
    private readonly AuditTrail _audit;
    private readonly PlatformMetrics _metrics;

    private string _key = "";
    private string _tenant = "";
    private string _code = "";

    private NodeState _current = new();
    private NodeState _durable = new();
    private RollupLedger _ledger = new();
    private bool _cleanShutdown;

    /// <summary>This activation's stored state was overwritten by another, or may have been (a failed write): the
    /// reports it accepted must reach whichever activation carries on.</summary>
    private bool _mayBeDuplicate;

    private IGrainTimer? _flushTimer;
    private DateTimeOffset _flushDueAt = DateTimeOffset.MaxValue;
    private bool _reportDue;
    private bool _checkpointDue;
    private DateTimeOffset _lastReportAt = DateTimeOffset.MinValue;
    private DateTimeOffset _lastCheckpointAt = DateTimeOffset.MinValue;
    private DateTimeOffset _retryAt = DateTimeOffset.MinValue;

    /// <summary>When the oldest change this node holds but has not yet reported was made, where it was made (here, or
    /// below and carried up by a child's report); null when nothing unreported is known.</summary>
    private DateTimeOffset? _unreportedSince;

    /// <summary>The kind a definition in progress is changing this node to; until it is stored, a child may attach
    /// only if both the old and the new kind can hold it, or a concurrent move could build a cycle.</summary>
    private NodeKind? _becoming;

    public NodeGrain(
        [PersistentState(StorageNames.Node, StorageNames.Provider)] IPersistentState<NodeState> store,
        FrameworkCatalog frameworks,
        IOptions<RollupOptions> options,
        ReportDrain drain,
        NodeAncestry ancestry,
        TimeProvider time,
        ILogger<NodeGrain> logger,
        AuditTrail audit,
        PlatformMetrics metrics)
    {
        _audit = audit;
        _metrics = metrics;
        _store = store;
        _frameworks = frameworks;
        _options = options.Value;
        _drain = drain;
        _ancestry = ancestry;
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

        if (_mayBeDuplicate || reason.ReasonCode is DeactivationReasonCode.DuplicateActivation or DeactivationReasonCode.DirectoryFailure)
        {
            HandOverLedger();
        }

        // The last report is sent, not awaited: the parent may be deactivating too, and its next activation would
        // probe this one, which cannot answer until this deactivation ends. It stays pending in the drain's count
        // until the parent takes it, so no region stopping meanwhile claims a complete ledger.
        if (_reportDue && ReportTarget is { } parent)
        {
            Node(parent).ReportChild(CurrentRollup(), _unreportedSince)
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

    /// <summary>
    /// While a dead silo's part of the grain directory is rebuilt, Orleans' default directory can let a second
    /// activation of this node live beside this one (its write then finds the ETag changed), and each accepts some of
    /// the children's reports. A child whose report was accepted here never sends it again, so what this activation
    /// holds is sent to the node's identity, not awaited: after this deactivation it reaches the activation that
    /// carries on, which keeps what is newer. Reports are versioned, so this can only add what it lacks (SiloKillTests).
    /// </summary>
    private void HandOverLedger()
    {
        var self = Node(_code);
        foreach (var child in _ledger.Children.ToArray())
        {
            self.ReportChild(child).Ignore();
        }
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

    /// <summary>
    /// The caller, when it may do <paramref name="operation"/> to this node (see <see cref="Admission"/>); otherwise the
    /// refusal: 403 for a missing caller, another tenant's or a role the rules refuse, and for a node outside the
    /// caller's scope the same 404 as for a node that does not exist, so the answer tells nothing of what lies outside.
    /// </summary>
    private async Task<(Caller? Caller, Outcome<T>? Refused)> AdmitAsync<T>(Operation operation)
    {
        var admission = Admission.Of(_tenant, operation);
        if (!admission.Admitted)
        {
            return (null, admission.Refused<T>());
        }

        if (IsOpen && await CoversAsync(admission.Caller!, _code))
        {
            return (admission.Caller, null);
        }

        ForgetIfUndefined();
        return (null, NotFound<T>());
    }

    /// <summary>Whether the caller's scope holds <paramref name="code"/> (this node, or another such as a new parent).</summary>
    private async Task<bool> CoversAsync(Caller caller, string code)
    {
        if (caller.IsPlatform || AccessRules.SeesWholeTenant(caller.Role))
        {
            return true;
        }

        if (caller.ScopeCode is not { } scope)
        {
            return false;
        }

        if (code != _code)
        {
            return await _ancestry.IsWithinAsync(_tenant, code, scope);
        }

        // This node's own place is known here; the walk starts at its parent, which is never this grain.
        return scope == _code || (Definition?.ParentCode is { } parent && await _ancestry.IsWithinAsync(_tenant, parent, scope));
    }

    private static Outcome<T> Stopping<T>() =>
        Outcome<T>.Fail(Failure.Unavailable, "the platform is stopping; nothing was changed: retry in a few seconds");

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
            _mayBeDuplicate = true;
            DeactivateOnIdle();
            throw;
        }

        _durable = snapshot;
        _current = _current with { Clean = false };
        _lastCheckpointAt = _time.GetUtcNow();
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Node {Code} could not flush on deactivation; it will rebuild on its next activation")]
    private partial void LogDeactivationFlushFailed(Exception exception, string code);
}
