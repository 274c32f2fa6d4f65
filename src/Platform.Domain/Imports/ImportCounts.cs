namespace Platform.Domain.Imports;

/// <summary>What an import did with the data rows of its file: every row is exactly one of the four.</summary>
/// <param name="Rows">Data rows read, blank lines not counted.</param>
[GenerateSerializer, Immutable, Alias("ImportCounts")]
public sealed record ImportCounts(
    [property: Id(0)] int Rows,
    [property: Id(1)] int Created,
    [property: Id(2)] int Updated,
    [property: Id(3)] int Unchanged,
    [property: Id(4)] int Rejected);
