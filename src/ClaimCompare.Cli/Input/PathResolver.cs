namespace ClaimCompare.Cli.Input;

/// <summary>Resolves paths through symbolic links, so one folder reached by several paths is known as one.</summary>
internal static class PathResolver
{
    /// <summary>Links followed in one path before it counts as a loop (as POSIX's SYMLOOP_MAX).</summary>
    private const int MaxLinks = 40;

    /// <summary>The absolute path of <paramref name="path"/> with every symbolic link in it resolved.</summary>
    /// <param name="path">The path.</param>
    /// <param name="folders">Canonical paths of folders already resolved in this run (absolute path to canonical path),
    /// so that the files of one folder cost one link check each rather than one per path component; null to resolve
    /// every component.</param>
    /// <exception cref="IOException">A link cannot be resolved (a loop of links, more than 40 links in one path).</exception>
    public static string Canonical(string path, Dictionary<string, string>? folders = null)
    {
        var links = 0;
        var full = Path.GetFullPath(path);
        if (folders is null || Path.GetDirectoryName(full) is not { } parent)
        {
            return Resolve(full, ref links);
        }

        if (!folders.TryGetValue(parent, out var canonicalParent))
        {
            canonicalParent = Resolve(parent, ref links);
            folders[parent] = canonicalParent;
        }

        return Step(canonicalParent, Path.GetFileName(full), ref links);
    }

    private static string Resolve(string full, ref int links)
    {
        var root = Path.GetPathRoot(full) ?? "/";
        var current = root;
        foreach (var part in full[root.Length..].Split(Path.DirectorySeparatorChar, StringSplitOptions.RemoveEmptyEntries))
        {
            current = Step(current, part, ref links);
        }

        return current;
    }

    /// <summary>The canonical path of <paramref name="part"/> inside the canonical folder <paramref name="current"/>.</summary>
    private static string Step(string current, string part, ref int links)
    {
        var next = Path.Combine(current, part);
        // One lstat for a file or folder that is not a link (the common case); only a link has its target read.
        var info = new FileInfo(next);
        if ((info.Attributes & FileAttributes.ReparsePoint) == 0 || info.LinkTarget is not { } target)
        {
            return next;
        }

        if (++links > MaxLinks)
        {
            throw new IOException($"more than {MaxLinks} symbolic links in one path (a loop of links?)");
        }

        var resolved = Path.IsPathRooted(target) ? target : Path.Combine(current, target);
        return Resolve(Path.GetFullPath(resolved), ref links);
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
