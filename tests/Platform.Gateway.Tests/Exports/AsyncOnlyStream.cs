namespace Platform.Gateway.Tests.Exports;

/// <summary>
/// An output like an ASP.NET Core response body: not seekable, and any synchronous write or flush throws, as Kestrel's
/// does unless AllowSynchronousIO is on. Keeps what it receives unless told only to count it.
/// </summary>
internal sealed class AsyncOnlyStream(bool keep = true) : Stream
{
    private readonly MemoryStream _received = new();

    /// <summary>Bytes received so far.</summary>
    public long Written { get; private set; }

    public byte[] ToArray() => keep ? _received.ToArray() : throw new InvalidOperationException("this stream only counts");

    public override bool CanRead => false;

    public override bool CanSeek => false;

    public override bool CanWrite => true;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        Written += buffer.Length;
        if (keep)
        {
            _received.Write(buffer.Span);
        }

        return ValueTask.CompletedTask;
    }

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override Task FlushAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public override void Write(byte[] buffer, int offset, int count) => throw Synchronous();

    public override void Write(ReadOnlySpan<byte> buffer) => throw Synchronous();

    public override void WriteByte(byte value) => throw Synchronous();

    public override void Flush() => throw Synchronous();

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _received.Dispose();
        }

        base.Dispose(disposing);
    }

    private static InvalidOperationException Synchronous() =>
        new("Synchronous operations are disallowed. Call WriteAsync or set AllowSynchronousIO to true instead.");
}
