using System.Globalization;
using Platform.Contracts.Imports;
using Platform.Domain.Hierarchy;
using Platform.Domain.Imports;

namespace Platform.Gateway.Api;

/// <summary>
/// What an import did, in counts, with the first rejected rows and a link to download them all. Its size does not grow
/// with the file: every data row is counted as exactly one of <see cref="Created"/>, <see cref="Updated"/>,
/// <see cref="Unchanged"/> or <see cref="Rejected"/>, and accepted rows are not listed.
/// </summary>
/// <param name="ImportId">The import, for <c>GET imports/{importId}</c> and its rejections.</param>
/// <param name="Status"><c>queued</c>, <c>running</c>, <c>finished</c> or <c>failed</c>.</param>
/// <param name="Rows">Data rows in the file, blank lines not counted (so far, while it is read).</param>
/// <param name="Rejections">
/// The first rejected rows, at most 100, in the order they were found: those whose text is wrong by line, then those
/// the hierarchy refused (an unknown parent, a second province).
/// </param>
/// <param name="RejectionsKept">Rejected rows in the download: all of them, or the first 100,000.</param>
/// <param name="RejectionsUrl">Every kept rejected row as CSV in the file's own columns plus line and reason (add <c>?format=xlsx</c> for Excel); null when no row was rejected.</param>
/// <param name="Note">Says what is missing from the download when more rows were rejected than kept; otherwise null.</param>
/// <param name="RowsDone">Rows accounted for so far (all of them once finished).</param>
/// <param name="RowsTotal">Rows in the file once it has been read; null while it is read.</param>
/// <param name="Warnings">What the import ignored, e.g. a column it does not know.</param>
/// <param name="Problem">Why a failed import's file could not be imported, and what to do; null otherwise.</param>
public sealed record ImportReportDto(
    string ImportId,
    string Status,
    int Rows,
    int Created,
    int Updated,
    int Unchanged,
    int Rejected,
    double Seconds,
    IReadOnlyList<ImportRejectionDto> Rejections,
    int RejectionsKept,
    string? RejectionsUrl,
    string? Note,
    int RowsDone,
    int? RowsTotal,
    IReadOnlyList<string> Warnings,
    string? Problem)
{
    public static ImportReportDto From(string tenant, ImportReport report, IEnumerable<ImportRejection> first)
    {
        var counts = report.Counts;
        var missing = counts.Rejected - report.RejectionsKept;
        return new ImportReportDto(
            report.Id,
            report.Status.ToString().ToLowerInvariant(),
            counts.Rows,
            counts.Created,
            counts.Updated,
            counts.Unchanged,
            counts.Rejected,
            report.Seconds,
            first.Take(ImportLimits.RejectionsInAnswer).Select(r => new ImportRejectionDto(r.Line, r.Code, r.Errors, r.Sheet)).ToList(),
            report.RejectionsKept,
            counts.Rejected > 0 ? RejectionsPath(tenant, report.Id) : null,
            missing > 0
                ? string.Create(CultureInfo.InvariantCulture,
                    $"{counts.Rejected:N0} rows were rejected; the download holds the first {report.RejectionsKept:N0}. Correct those and import the file again to see the other {missing:N0}.")
                : null,
            report.RowsDone,
            report.RowsTotal,
            report.Warnings ?? [],
            report.Problem);
    }

    public static string ImportPath(string tenant, string importId) => $"/api/v1/tenants/{tenant}/imports/{importId}";

    public static string RejectionsPath(string tenant, string importId) => $"/api/v1/tenants/{tenant}/imports/{importId}/rejections";
}

/// <param name="Line">The line of the file the row starts on, counting the header as line 1.</param>
/// <param name="Code">The row's code, when it could be read.</param>
/// <param name="Sheet">The worksheet the row is on, for an XLSX file; null for CSV.</param>
public sealed record ImportRejectionDto(int Line, string? Code, IReadOnlyList<FieldError> Errors, string? Sheet = null);
