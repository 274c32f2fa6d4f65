using Platform.Domain.Hierarchy;

namespace Platform.Gateway.Imports;

/// <summary>A CSV file as one table.</summary>
internal sealed class CsvRecordSource(TextReader text) : IRecordSource
{
    private readonly CsvRecordReader _reader = new(text);
    private bool _started;

    public string? Sheet => null;

    public NodeKind? SheetKind => null;

    public bool TrailingCellsOptional => false;

    public ValueTask<bool> NextTableAsync(CancellationToken cancellationToken)
    {
        var first = !_started;
        _started = true;
        return ValueTask.FromResult(first);
    }

    public ValueTask<CsvRecord?> ReadAsync(int maxCells, CancellationToken cancellationToken) => _reader.ReadAsync(maxCells, cancellationToken);

    public void Dispose()
    {
        _reader.Dispose();
        text.Dispose();
    }
}
