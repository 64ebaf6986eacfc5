namespace Lapor.Hub.Web.HangUps;

/// <summary>A request body that remembers whether a read failed because the client went away, whoever caught the failure.</summary>
internal sealed class HangUpWatchingStream(Stream inner) : Stream
{
    public Exception? Failure { get; private set; }

    public bool HungUp => Failure is not null;

    public override bool CanRead => inner.CanRead;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    public override int Read(byte[] buffer, int offset, int count)
    {
        try
        {
            return inner.Read(buffer, offset, count);
        }
        catch (Exception exception) when (Watch(exception))
        {
            throw;
        }
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        try
        {
            return await inner.ReadAsync(buffer, cancellationToken);
        }
        catch (Exception exception) when (Watch(exception))
        {
            throw;
        }
    }

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    // An exception filter that only looks: the exception goes on unchanged to whoever reads.
    private bool Watch(Exception exception)
    {
        if (ClientHangUps.IsHangUp(null, exception))
        {
            Failure ??= exception;
        }

        return false;
    }
}
