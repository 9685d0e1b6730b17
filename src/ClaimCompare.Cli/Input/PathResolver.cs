namespace ClaimCompare.Cli.Input;

/// <summary>Resolves paths through symbolic links, so one folder reached by several paths is known as one.</summary>
internal static class PathResolver
{
    /// <summary>Links followed in one path before it counts as a loop (as POSIX's SYMLOOP_MAX).</summary>
    private const int MaxLinks = 40;

    /// <summary>The absolute path of <paramref name="path"/> with every symbolic link in it resolved.</summary>
    /// <exception cref="IOException">A link cannot be resolved (a loop of links, more than 40 links in one path).</exception>
    public static string Canonical(string path)
    {
        var links = 0;
        return Resolve(Path.GetFullPath(path), ref links);
    }

    private static string Resolve(string full, ref int links)
    {
        var root = Path.GetPathRoot(full) ?? "/";
        var current = root;
        foreach (var part in full[root.Length..].Split(Path.DirectorySeparatorChar, StringSplitOptions.RemoveEmptyEntries))
        {
            var next = Path.Combine(current, part);
            FileSystemInfo info = Directory.Exists(next) ? new DirectoryInfo(next) : new FileInfo(next);
            if (info.LinkTarget is { } target)
            {
                if (++links > MaxLinks)
                {
                    throw new IOException($"more than {MaxLinks} symbolic links in one path (a loop of links?)");
                }

                var resolved = Path.IsPathRooted(target) ? target : Path.Combine(current, target);
                next = Resolve(Path.GetFullPath(resolved), ref links);
            }

            current = next;
        }

        return current;
    }
}

/// <summary>A read-only stream of some bytes already read, then the rest of another stream (standard input after sniffing).</summary>
internal sealed class PrefixedStream(byte[] prefix, Stream rest) : Stream
{
    private int _position;

    public override bool CanRead => true;

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
        if (_position < prefix.Length)
        {
            var n = Math.Min(count, prefix.Length - _position);
            Buffer.BlockCopy(prefix, _position, buffer, offset, n);
            _position += n;
            return n;
        }

        return rest.Read(buffer, offset, count);
    }

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
