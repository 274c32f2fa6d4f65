using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Platform.Contracts;
using Platform.Contracts.Campaigns;
using Platform.Domain.Campaigns;
using Platform.Grains.Hierarchy;

namespace Platform.Grains.Campaigns;

/// <summary>
/// <inheritdoc cref="ICampaignTallyGrain"/>
/// Its version is one more than the sum of its children's, each of which only grows, so its parent can tell a newer
/// report from a late one however often this grain is rebuilt. The one is its roster: a school whose branches have
/// done nothing yet still counts them in scope, and its first report must beat the parent's empty placeholder.
/// </summary>
public sealed partial class CampaignTallyGrain(IOptions<RollupOptions> options, ILogger<CampaignTallyGrain> logger)
    : Grain, ICampaignTallyGrain
{
    private readonly RollupOptions _options = options.Value;
    private string _tenant = "";
    private string _campaignId = "";
    private string _code = "";
    private TallyNode? _node;
    private Task? _placing;
    private CampaignLedger _ledger = new([]);
    private IGrainTimer? _timer;
    private bool _reportDue;
    private bool _timerArmed;

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        (_tenant, _campaignId, var code) = GrainKeys.ParseCampaign(this.GetPrimaryKeyString());
        _code = code!;
        return PlaceAsync();
    }

    public async Task<TallyView?> GetView()
    {
        await PlaceAsync();
        if (_node is null)
        {
            // No place in any roster (an unknown campaign or code): a tally stores nothing, so nothing is lost by going.
            DeactivateOnIdle();
            return null;
        }

        return new TallyView(_node, _ledger.Version, _ledger.Total, _ledger.Children.ToArray());
    }

    public async Task ReportChild(TallyChild report)
    {
        await PlaceAsync();
        if (_ledger.Apply(report))
        {
            MarkReportDue();
        }
    }

    public async Task<TallyChild> Probe()
    {
        await PlaceAsync();
        return Current();
    }

    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        // Sent, not awaited: the parent may be deactivating too, and its next activation probes this one anyway.
        if (_reportDue && _node?.ParentCode is { } parent)
        {
            Tally(parent).ReportChild(Current()).Ignore();
        }

        return Task.CompletedTask;
    }

    /// <summary>
    /// Finds this node's place in the roster and rebuilds its ledger from its children. A tally asked for before the
    /// roster is fixed (a dashboard open on a draft) has no place yet: it looks again on its next call, rather than
    /// staying blank, deaf to reports and invisible to the draw and finalisation for the rest of its activation.
    /// Interleaved callers share one attempt, so the ledger is built once and no report lands in a half-built one.
    /// </summary>
    private Task PlaceAsync()
    {
        if (_node is null && _placing is not { IsCompleted: false })
        {
            _placing = PlaceOnceAsync();
        }

        return _placing ?? Task.CompletedTask;
    }

    private async Task PlaceOnceAsync()
    {
        var node = await GrainFactory.GetGrain<ICampaignGrain>(GrainKeys.Campaign(_tenant, _campaignId)).GetTallyNode(_code);
        if (node is null)
        {
            return;
        }

        var ledger = new CampaignLedger(node.Children);
        foreach (var batch in node.Children.Chunk(_options.ProbeConcurrency))
        {
            var probes = await Task.WhenAll(batch.Select(child => child.IsBranch ? Entry(child.Code).Probe() : Tally(child.Code).Probe()));
            foreach (var probe in probes)
            {
                ledger.Apply(probe);
            }
        }

        (_node, _ledger) = (node, ledger);

        // The previous activation's last report may never have arrived; reports are idempotent, so send one.
        MarkReportDue();
    }

    private TallyChild Current() => _node is null
        ? TallyChild.Placeholder("", "", false)
        : new TallyChild(_node.Code, _node.Name, false, _ledger.Version + 1, _ledger.Total);

    private void MarkReportDue(TimeSpan? delay = null)
    {
        if (_node?.ParentCode is null)
        {
            return;
        }

        _reportDue = true;
        if (!_timerArmed)
        {
            _timerArmed = true;
            _timer ??= this.RegisterGrainTimer(FlushAsync, new GrainTimerCreationOptions(Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan));
            _timer.Change(delay ?? _options.ReportInterval, Timeout.InfiniteTimeSpan);
        }
    }

    /// <summary>One report per interval at most: reports arriving while this one is in flight re-arm the timer.</summary>
    private async Task FlushAsync(CancellationToken cancellationToken)
    {
        _timerArmed = false;
        _reportDue = false;
        try
        {
            await Tally(_node!.ParentCode!).ReportChild(Current());
        }
        catch (Exception exception)
        {
            LogReportFailed(exception, _node!.Code);
            MarkReportDue(_options.RetryDelay);
        }
    }

    private ICampaignTallyGrain Tally(string code) =>
        GrainFactory.GetGrain<ICampaignTallyGrain>(GrainKeys.CampaignTally(_tenant, _campaignId, code));

    private ICampaignEntryGrain Entry(string code) =>
        GrainFactory.GetGrain<ICampaignEntryGrain>(GrainKeys.CampaignEntry(_tenant, _campaignId, code));

    [LoggerMessage(Level = LogLevel.Warning, Message = "Campaign tally {Code} could not report to its parent; it will retry")]
    private partial void LogReportFailed(Exception exception, string code);
}
