using Platform.Contracts.Imports;
using Platform.Domain.Imports;

namespace Platform.Gateway.Imports;

/// <summary>
/// How far one import is, handed to its report at most once a <see cref="Interval"/> (and when asked to), so a reader
/// on any gateway sees rows done of the total and the counts so far without the import writing per row.
/// </summary>
internal sealed class ImportProgressTracker(IImportReportGrain report, RejectionLog rejections, TimeProvider time)
{
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(1);

    private readonly Lock _gate = new();
    private readonly List<string> _warnings = [];
    private readonly List<ImportSheetHeader> _headers = [];
    private long _lastReport = time.GetTimestamp();
    private int _rows;
    private int? _total;
    private bool _reporting;

    public AppliedCounts Applied { get; } = new();

    /// <summary>A table's header: its cells for the rejections download, its warnings for the report.</summary>
    public void Describe(string? sheet, HierarchyHeader header)
    {
        lock (_gate)
        {
            _headers.Add(new ImportSheetHeader(sheet, header.Cells));
            _warnings.AddRange(header.Warnings.Select(w => sheet is null ? w : $"sheet '{sheet}': {w}"));
        }
    }

    public void Read(int rows) => _rows = rows;

    /// <summary>The file is read: <paramref name="rows"/> data rows in all.</summary>
    public Task ReadAllAsync(int rows)
    {
        _total = rows;
        return ReportAsync(force: true);
    }

    /// <summary>Hands the progress to the report when <see cref="Interval"/> has passed since the last time, or when forced.</summary>
    public async Task ReportAsync(bool force)
    {
        // Asked after every row by 32 rows at once: most asks end here, without the lock.
        if (!force && time.GetElapsedTime(Volatile.Read(ref _lastReport)) < Interval)
        {
            return;
        }

        ImportProgress progress;
        lock (_gate)
        {
            if (_reporting || (!force && time.GetElapsedTime(_lastReport) < Interval))
            {
                return;
            }

            _reporting = true;
            var rejected = rejections.Count;
            var applied = Applied.Created + Applied.Updated + Applied.Unchanged;
            var done = _total is null ? rejected : applied + rejected;
            progress = new ImportProgress(done, _total, new ImportCounts(_total ?? _rows, Applied.Created, Applied.Updated, Applied.Unchanged, rejected),
                [.. _warnings], [.. _headers]);
        }

        try
        {
            await report.Progress(progress);
        }
        finally
        {
            lock (_gate)
            {
                _reporting = false;
                Volatile.Write(ref _lastReport, time.GetTimestamp());
            }
        }
    }
}
