using Platform.Contracts.Imports;
using Platform.Domain.Imports;

namespace Platform.Gateway.Imports;

/// <summary>
/// The rejections of one import, in bounded memory however many there are: every one is counted, the first
/// <see cref="ImportLimits.RejectionsInAnswer"/> are held for the answer, and the first ones up to
/// <see cref="ImportLimits.MaxStoredRejections"/> (and <see cref="ImportLimits.MaxStoredRejectionChars"/> of text)
/// are handed to the import's report in chunks as they fill. Safe to add to from concurrent rows.
/// </summary>
internal sealed class RejectionLog(IImportReportGrain report)
{
    private readonly Lock _gate = new();
    private readonly List<ImportRejection> _first = [];
    private List<ImportRejection> _chunk = [];
    private int _chunkChars;
    private int _count;
    private int _kept;
    private long _keptChars;
    private bool _full;
    private bool _stored;

    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _count;
            }
        }
    }

    /// <summary>The first rejections, in the order they were added.</summary>
    public IReadOnlyList<ImportRejection> First
    {
        get
        {
            lock (_gate)
            {
                return [.. _first];
            }
        }
    }

    /// <summary>Whether any chunk has reached the report, which then has something to discard.</summary>
    public bool StoredAny
    {
        get
        {
            lock (_gate)
            {
                return _stored;
            }
        }
    }

    public Task AddAsync(ImportRejection rejection)
    {
        List<ImportRejection>? full = null;
        lock (_gate)
        {
            _count++;
            if (_first.Count < ImportLimits.RejectionsInAnswer)
            {
                _first.Add(rejection);
            }

            var chars = rejection.TextLength;
            // Once one does not fit, none after it is kept either, so the download is exactly the first ones.
            _full = _full || _kept == ImportLimits.MaxStoredRejections || _keptChars + chars > ImportLimits.MaxStoredRejectionChars;
            if (!_full)
            {
                _chunk.Add(rejection);
                _kept++;
                _keptChars += chars;
                _chunkChars += chars;
                if (_chunk.Count == ImportLimits.RejectionsPerChunk || _chunkChars >= ImportLimits.MaxChunkChars)
                {
                    full = TakeChunk();
                }
            }
        }

        return full is null ? Task.CompletedTask : report.KeepRejections(full);
    }

    /// <summary>Hands the last, partly filled chunk to the report.</summary>
    public Task FlushAsync()
    {
        List<ImportRejection>? rest;
        lock (_gate)
        {
            rest = _chunk.Count > 0 ? TakeChunk() : null;
        }

        return rest is null ? Task.CompletedTask : report.KeepRejections(rest);
    }

    private List<ImportRejection> TakeChunk()
    {
        var chunk = _chunk;
        _chunk = [];
        _chunkChars = 0;
        _stored = true;
        return chunk;
    }
}
