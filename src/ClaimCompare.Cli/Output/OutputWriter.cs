using System.Text;

namespace ClaimCompare.Cli.Output;

/// <summary>Thrown when the command's results cannot be written to stdout (disk full, closed pipe).</summary>
/// <remarks>An output error, not a usage or input error: the command ran, its results were lost.</remarks>
internal sealed class OutputException(IOException inner) : IOException(inner.Message, inner);

/// <summary>
/// Wraps stdout so that a failed write surfaces as an <see cref="OutputException"/>, and gives byte-level access to
/// the underlying stream when there is one (streamed UTF-8 JSON skips a UTF-16 round trip).
/// </summary>
internal sealed class OutputWriter : TextWriter
{
    private readonly TextWriter _inner;
    private readonly Stream? _stream;
    private Utf8Stream? _utf8;

    public OutputWriter(TextWriter inner)
    {
        _inner = inner;
        // Only a UTF-8 stream writer may be bypassed: its bytes are exactly what Utf8JsonWriter produces.
        _stream = inner is StreamWriter { Encoding: UTF8Encoding } writer ? writer.BaseStream : null;
    }

    public override Encoding Encoding => _inner.Encoding;

    public override IFormatProvider FormatProvider => _inner.FormatProvider;

    public override void Write(char value)
    {
        try
        {
            _inner.Write(value);
        }
        catch (IOException e) when (e is not OutputException)
        {
            throw new OutputException(e);
        }
    }

    public override void Write(string? value)
    {
        try
        {
            _inner.Write(value);
        }
        catch (IOException e) when (e is not OutputException)
        {
            throw new OutputException(e);
        }
    }

    public override void Write(char[] buffer, int index, int count)
    {
        try
        {
            _inner.Write(buffer, index, count);
        }
        catch (IOException e) when (e is not OutputException)
        {
            throw new OutputException(e);
        }
    }

    public override void Write(ReadOnlySpan<char> buffer)
    {
        try
        {
            _inner.Write(buffer);
        }
        catch (IOException e) when (e is not OutputException)
        {
            throw new OutputException(e);
        }
    }

    public override void WriteLine(string? value)
    {
        try
        {
            _inner.WriteLine(value);
        }
        catch (IOException e) when (e is not OutputException)
        {
            throw new OutputException(e);
        }
    }

    public override void WriteLine()
    {
        try
        {
            _inner.WriteLine();
        }
        catch (IOException e) when (e is not OutputException)
        {
            throw new OutputException(e);
        }
    }

    public override void Flush()
    {
        try
        {
            _inner.Flush();
        }
        catch (IOException e) when (e is not OutputException)
        {
            throw new OutputException(e);
        }
    }

    /// <summary>A write-only stream over <see cref="WriteUtf8"/>, for writers that produce UTF-8 (JSON).</summary>
    public Stream Utf8 => _utf8 ??= new Utf8Stream(this);

    /// <summary>Writes UTF-8 bytes: straight to the stream when stdout is one, else decoded into the writer.</summary>
    public void WriteUtf8(ReadOnlySpan<byte> bytes)
    {
        try
        {
            if (_stream is not null)
            {
                _inner.Flush();
                _stream.Write(bytes);
            }
            else
            {
                _inner.Write(Encoding.UTF8.GetString(bytes));
            }
        }
        catch (IOException e) when (e is not OutputException)
        {
            throw new OutputException(e);
        }
    }

    /// <summary>Hands every write to <see cref="WriteUtf8"/>; reads and seeks are not supported.</summary>
    private sealed class Utf8Stream(OutputWriter owner) : Stream
    {
        public override bool CanRead => false;

        public override bool CanSeek => false;

        public override bool CanWrite => true;

        public override long Length => throw new NotSupportedException();

        public override long Position
        {
            get => throw new NotSupportedException();
            set => throw new NotSupportedException();
        }

        public override void Write(byte[] buffer, int offset, int count) => owner.WriteUtf8(buffer.AsSpan(offset, count));

        public override void Write(ReadOnlySpan<byte> buffer) => owner.WriteUtf8(buffer);

        public override void Flush() => owner.Flush();

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();
    }
}
