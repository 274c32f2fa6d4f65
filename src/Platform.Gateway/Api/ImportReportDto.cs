using Platform.Domain.Hierarchy;

namespace Platform.Gateway.Api;

/// <summary>What an import did, in total and per row.</summary>
public sealed record ImportReportDto(int Rows, int Created, int Updated, int Unchanged, int Rejected, double Seconds, IReadOnlyList<ImportRowDto> Results);

/// <param name="Line">The line of the file, counting the header as line 1.</param>
/// <param name="Result"><c>created</c>, <c>updated</c>, <c>unchanged</c> or <c>rejected</c>.</param>
public sealed record ImportRowDto(int Line, string? Code, string Result, IReadOnlyList<FieldError>? Errors);
