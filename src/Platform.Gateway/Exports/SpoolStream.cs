namespace Platform.Gateway.Exports;

/// <summary>
/// Takes synchronous writes into memory and passes them on to the real output only asynchronously, when
/// <see cref="DrainAsync"/> is called. It lets code that writes synchronously (ZipArchive under SpreadCheetah, see
/// <see cref="XlsxExportWriter"/>) write to an ASP.NET Core response body, which refuses synchronous writes; draining
/// often keeps it as small as the writes between two drains.
/// </summary>
internal sealed class SpoolStream(Stream output) : Stream
{
    private readonly MemoryStream _spooled = new();

    /// <summary>Bytes waiting to be drained.</summary>
    public long Pending => _spooled.Length;

    public override bool CanRead => false;

    public override bool CanSeek => false;

    public override bool CanWrite => true;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    /// <summary>Passes everything spooled so far to the output, and empties the spool for reuse.</summary>
    public async Task DrainAsync(CancellationToken cancellationToken)
    {
        if (_spooled.Length == 0)
        {
            return;
        }

        await output.WriteAsync(_spooled.GetBuffer().AsMemory(0, (int)_spooled.Length), cancellationToken);
        _spooled.SetLength(0);
    }

    public override void Write(byte[] buffer, int offset, int count) => _spooled.Write(buffer, offset, count);

    public override void Write(ReadOnlySpan<byte> buffer) => _spooled.Write(buffer);

    public override void WriteByte(byte value) => _spooled.WriteByte(value);

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
    {
        Write(buffer, offset, count);
        return Task.CompletedTask;
    }

    public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        Write(buffer.Span);
        return ValueTask.CompletedTask;
    }

    /// <summary>Nothing to do: the spool reaches the output only through <see cref="DrainAsync"/>.</summary>
    public override void Flush()
    {
    }

    public override Task FlushAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _spooled.Dispose();
        }

        base.Dispose(disposing);
    }
}
