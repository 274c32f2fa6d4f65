using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Platform.Contracts;
using Platform.Contracts.Hierarchy;
using Platform.Contracts.Tenancy;
using Platform.Domain.Hierarchy;
using Platform.Domain.Ranking;
using Platform.Domain.Rollups;
using Platform.Domain.Scoring;
using Platform.Grains.Framework;
using Platform.Grains.Persistence;

namespace Platform.Grains.Hierarchy;

/// <summary>How a node's rollup travels up: rate-limited, retried reports, the checkpoint timer, and the ledger rebuilt from the children.</summary>
public sealed partial class NodeGrain
{
    public Task ReportChild(ChildRollup report, DateTimeOffset? changedAt = null)
    {
        if (_ledger.Apply(report))
        {
            var now = _time.GetUtcNow();
            if (changedAt is { } origin && Definition?.Kind is { } kind && kind.IsRegion())
            {
                _metrics.ReportApplied(_tenant, kind, origin, now);
            }

            RollupChanged(changedAt ?? now);
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

    /// <param name="since">When the change was first made (below, for a child's report).</param>
    private void RollupChanged(DateTimeOffset since)
    {
        Unreported(since);
        _current = _current with { UpdatedAt = _time.GetUtcNow() };
        _checkpointDue |= PersistsRollup;
        MarkReportDue();
    }

    /// <summary>Remembers a change not yet reported, keeping the oldest.</summary>
    private void Unreported(DateTimeOffset since)
    {
        if (_unreportedSince is not { } held || since < held)
        {
            _unreportedSince = since;
        }
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
            _unreportedSince = null;
            _drain.Delivered(_key, this);
            return;
        }

        // Taken before the await: a change arriving meanwhile goes in the next report, with its own time.
        var changedAt = _unreportedSince;
        _unreportedSince = null;
        try
        {
            await Node(parent).ReportChild(CurrentRollup(), changedAt);
            _lastReportAt = _time.GetUtcNow();
            if (!_reportDue)
            {
                _drain.Delivered(_key, this);
            }
        }
        catch (Exception exception)
        {
            LogReportFailed(exception, _code, parent);
            if (changedAt is { } unsent)
            {
                Unreported(unsent);
            }

            _reportDue = true;
            _retryAt = _time.GetUtcNow() + _options.RetryDelay;
        }
    }

    private static DateTimeOffset Max(DateTimeOffset a, DateTimeOffset b) => a > b ? a : b;

    private static DateTimeOffset Min(DateTimeOffset a, DateTimeOffset b) => a < b ? a : b;

    [LoggerMessage(Level = LogLevel.Warning, Message = "Node {Code} could not report to its parent {Parent}; it will retry")]
    private partial void LogReportFailed(Exception exception, string code, string parent);
}
