using Microsoft.Extensions.Logging;
using Platform.Contracts;
using Platform.Contracts.Audit;
using Platform.Domain.Audit;
using Platform.Grains.Persistence;

namespace Platform.Grains.Audit;

/// <summary>
/// <inheritdoc cref="IAuditLogGrain"/>
/// Lines wait in memory only until the storage write that carries them completes; their callers are answered after
/// it. A full open page is stored as a page of its own (write-once) before the head that no longer holds it, so a
/// crash between the two leaves the lines in the head, and the next seal stores the same page again.
/// </summary>
public sealed partial class AuditLogGrain : Grain, IAuditLogGrain
{
    private readonly IPersistentState<AuditLogState> _store;
    private readonly TimeProvider _time;
    private readonly ILogger<AuditLogGrain> _logger;
    private readonly CoalescingWriter _writer;
    private readonly List<AuditEntry> _open = [];
    private readonly List<AuditPageSummary> _index = [];
    private string _tenant = "";
    private int _pages;
    private int _indexChunks;
    private long _next;
    private DateTimeOffset _latest;

    public AuditLogGrain(
        [PersistentState(StorageNames.AuditLog, StorageNames.Provider)] IPersistentState<AuditLogState> store,
        TimeProvider time,
        ILogger<AuditLogGrain> logger)
    {
        _store = store;
        _time = time;
        _logger = logger;
        _writer = new CoalescingWriter(WriteAsync);
    }

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _tenant = GrainKeys.TenantOf(this.GetPrimaryKeyString());
        var state = _store.State;
        _open.AddRange(state.Open);
        _index.AddRange(state.Index);
        _pages = state.Pages;
        _indexChunks = state.IndexChunks;
        _next = state.Next;
        _latest = state.Latest;
        return Task.CompletedTask;
    }

    public async Task Append(IReadOnlyList<AuditEntry> entries)
    {
        // Stamped and numbered in one synchronous turn, each line a tick after the one before at least, so the log's
        // order is strictly its time order and "before this time" names an exact point in it.
        var now = _time.GetUtcNow();
        foreach (var entry in entries)
        {
            _latest = now > _latest ? now : _latest.AddTicks(1);
            _open.Add(entry with { Sequence = _next++, At = _latest });
        }

        try
        {
            await _writer.WriteAsync();
        }
        catch (Exception exception)
        {
            // Memory is now ahead of storage: start again from what is stored. The callers of this batch are told it
            // failed, so no line is acknowledged that is not stored.
            LogAppendFailed(exception, _tenant);
            DeactivateOnIdle();
            throw;
        }
    }

    public Task<AuditHead> Head() => Task.FromResult(new AuditHead([.. _open], _pages, [.. _index], _indexChunks));

    private async Task WriteAsync()
    {
        while (_open.Count >= AuditLogLayout.PageSize)
        {
            var page = _open.GetRange(0, AuditLogLayout.PageSize);
            await GrainFactory.GetGrain<IAuditPageGrain>(GrainKeys.AuditPage(_tenant, _pages)).Store(page);
            _open.RemoveRange(0, AuditLogLayout.PageSize);
            _index.Add(AuditPageSummary.Of(_pages, page));
            _pages++;
            if (_index.Count >= AuditLogLayout.IndexChunkSize)
            {
                await GrainFactory.GetGrain<IAuditIndexGrain>(GrainKeys.AuditIndex(_tenant, _indexChunks)).Store([.. _index]);
                _index.Clear();
                _indexChunks++;
            }
        }

        _store.State = new AuditLogState
        {
            Open = [.. _open],
            Pages = _pages,
            Index = [.. _index],
            IndexChunks = _indexChunks,
            Next = _next,
            Latest = _latest,
        };
        await _store.WriteStateAsync();
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "The audit log of tenant {Tenant} could not store lines; the writes they record are answered with an error")]
    private partial void LogAppendFailed(Exception exception, string tenant);
}
