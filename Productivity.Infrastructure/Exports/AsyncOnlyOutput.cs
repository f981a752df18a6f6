namespace Productivity.Infrastructure.Exports;

/// <summary>
/// SpreadCheetah's output on its way to a stream that refuses synchronous writes (an ASP.NET Core response body).
/// System.IO.Compression writes the zip's small headers and data descriptors synchronously, even from SpreadCheetah's
/// async calls; those bytes are held here and go out ahead of the next asynchronous write, or in
/// <see cref="FlushAsync(CancellationToken)"/> at the end. The worksheet data itself arrives asynchronously, so only a
/// few hundred bytes are ever held (<see cref="MaxPending"/>; a test keeps it small).
/// </summary>
internal sealed class AsyncOnlyOutput(Stream inner) : Stream
{
    private readonly MemoryStream _pending = new();
    private long _written;

    /// <summary>The most bytes held at once, waiting for an asynchronous write.</summary>
    public long MaxPending { get; private set; }

    public override bool CanRead => false;
    public override bool CanSeek => false;
    public override bool CanWrite => true;
    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => _written;
        set => throw new NotSupportedException();
    }

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        _pending.Write(buffer);
        _written += buffer.Length;
        MaxPending = Math.Max(MaxPending, _pending.Length);
    }

    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        await SendPendingAsync(cancellationToken);
        await inner.WriteAsync(buffer, cancellationToken);
        _written += buffer.Length;
    }

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override async Task FlushAsync(CancellationToken cancellationToken)
    {
        await SendPendingAsync(cancellationToken);
        await inner.FlushAsync(cancellationToken);
    }

    // A synchronous flush cannot reach the inner stream; what is held goes out with the next asynchronous call.
    public override void Flush()
    {
    }

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();

    private async ValueTask SendPendingAsync(CancellationToken cancellationToken)
    {
        if (_pending.Length > 0)
        {
            await inner.WriteAsync(_pending.GetBuffer().AsMemory(0, (int)_pending.Length), cancellationToken);
            _pending.SetLength(0);
        }
    }
}
