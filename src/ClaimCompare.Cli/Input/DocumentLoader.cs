using System.Buffers;
using ClaimCompare.Core.Ingest;
using ClaimCompare.Core.Text;
using Microsoft.Win32.SafeHandles;
using Serilog;

namespace ClaimCompare.Cli.Input;

/// <summary>What the loader read: the documents it could read, and whether any input failed.</summary>
/// <param name="Documents">Readable documents in a stable order (inputs in the order given; files in a folder by name).</param>
/// <param name="HadErrors">True when at least one input could not be read; each was logged as one error line.</param>
internal sealed record LoadResult(IReadOnlyList<SourceDocument> Documents, bool HadErrors);

/// <summary>Resolves the file and folder arguments of a command into source documents, streaming.</summary>
/// <remarks>
/// <para>An argument is a file, a folder, or <c>-</c> for standard input. A file is read as the format its extension
/// names, corrected by its content (<see cref="InputSniffer.Detect"/>): plain text, an HTML page (its main content
/// extracted), an RSS or Atom feed (a document per item) or JSON lines (a document per line). A folder contributes its
/// files with those extensions, recursively, each folder once however many links lead to it; where a folder holds a
/// <c>sources.json</c>, that manifest names the folder's documents instead, with their ids, dates, outlets and
/// optionally their format. A file given directly takes its id from its folder's manifest when listed there, else its
/// name without extension; a feed item is <c>id#n</c> and a JSON line without an <c>id</c> is <c>id:line</c>.</para>
/// <para><see cref="Load"/> hands documents over one at a time as they are read: a JSON-lines dump of any size streams
/// through with memory bounded by its longest line. Every problem is logged as one line naming the file (and line or
/// item) and the loader goes on with the rest, so a command can process everything it can and still exit with the
/// input-error code (<see cref="HadErrors"/>).</para>
/// </remarks>
/// <param name="log">Where problems are reported.</param>
/// <param name="maxBytes">The largest document read (a text or HTML file, a feed, one JSON line).</param>
/// <param name="onDocument">When set, <see cref="Load"/> hands each document over as soon as it is read instead of
/// keeping it (streaming commands: memory then holds only the documents in flight).</param>
/// <param name="standardInput">Opens what <c>-</c> reads.</param>
/// <param name="beforeRead">When set, called with a file's size before the file is read and decoded (a file of one
/// document under the size limit), so that a consumer that bounds the documents in flight can wait until there is room
/// for it: the text is then allocated only once the documents before it have gone.</param>
internal sealed class DocumentLoader(
    ILogger log, long maxBytes, Action<SourceDocument>? onDocument = null, Func<Stream>? standardInput = null, Action<long>? beforeRead = null)
{
    /// <summary>The argument that reads standard input.</summary>
    public const string StandardInputArgument = "-";

    /// <summary>Files larger than this many bytes are read into an array of their own rather than a pooled one.</summary>
    private const int LargeFile = 1024 * 1024;

    private readonly Dictionary<string, SourceManifest?> _manifests = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _idToPath = new(StringComparer.Ordinal);
    private readonly HashSet<string> _seenPaths = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _canonicalFolders = new(StringComparer.Ordinal);
    private readonly HashSet<string> _visitedFolders = new(StringComparer.Ordinal);
    private readonly HtmlArticleExtractor _extractor = new();
    private int _documents;
    private Action<SourceDocument> _emit = null!;

    /// <summary>True once any input failed; final when <see cref="Load"/> has returned.</summary>
    public bool HadErrors { get; private set; }

    /// <summary>Reads every input into a list, or hands each document to the <c>onDocument</c> sink when there is one.</summary>
    /// <remarks>
    /// The loader pushes each document to the sink as soon as it is read and keeps no reference to it afterwards (no
    /// iterator's current item, no local of a frame that outlives the document's file): once the sink has let a document
    /// go, its text can be collected before the next one is decoded, so that a folder of huge files needs room for one
    /// of them, not two.
    /// </remarks>
    public LoadResult Load(IEnumerable<string> inputs)
    {
        var documents = new List<SourceDocument>();
        _emit = onDocument ?? documents.Add;
        try
        {
            foreach (var input in inputs)
            {
                ReadInput(input);
            }
        }
        finally
        {
            _emit = null!;
        }

        return new LoadResult(documents, HadErrors);
    }

    private void ReadInput(string input)
    {
        if (input == StandardInputArgument)
        {
            ReadStandardInput();
        }
        else if (File.Exists(input))
        {
            ReadFile(input, explicitlyNamed: true);
        }
        else if (Directory.Exists(input))
        {
            ReadFolder(input);
        }
        else
        {
            Error("{Path}: no such file or directory", input);
        }
    }

    /// <summary>Hands a document that was read (not null) to the sink.</summary>
    private void Emit(SourceDocument? document)
    {
        if (document is not null)
        {
            _emit(document);
        }
    }

    private void ReadFolder(string folder)
    {
        var before = _documents;
        var errorsBefore = HadErrors;
        var files = new List<string>();
        CollectFolder(folder, files);
        foreach (var file in files)
        {
            ReadFile(file, explicitlyNamed: false);
        }

        if (_documents == before && HadErrors == errorsBefore)
        {
            Error("{Path}: no article files ({Extensions}) in this directory", folder, string.Join(", ", InputSniffer.FolderExtensions.Select(e => "*" + e)));
        }
    }

    private void CollectFolder(string root, List<string> files)
    {
        // Iterative and with a visited set: a link back up the tree (self -> ., sub/back -> ..) is read once, never followed round.
        var pending = new Stack<string>();
        pending.Push(root);
        while (pending.Count > 0)
        {
            var folder = pending.Pop();
            string canonical;
            try
            {
                canonical = PathResolver.Canonical(folder);
            }
            catch (IOException ex)
            {
                Error("{Path}: cannot follow this link: {Reason}", folder, ex.Message);
                continue;
            }

            if (!_visitedFolders.Add(canonical))
            {
                log.Debug("{Path} is {Canonical}, already read; not read again", folder, canonical);
                continue;
            }

            string[] subfolders;
            try
            {
                var manifest = ManifestFor(folder);
                if (manifest is not null)
                {
                    foreach (var entry in manifest.Documents)
                    {
                        files.Add(Path.Combine(folder, entry.File));
                    }
                }
                else
                {
                    var own = Directory.GetFiles(folder);
                    Array.Sort(own, StringComparer.Ordinal);
                    foreach (var file in own)
                    {
                        if (InputSniffer.FromExtension(file) is not null && !Path.GetFileName(file).StartsWith('.'))
                        {
                            files.Add(file);
                        }
                    }
                }

                subfolders = Directory.GetDirectories(folder);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                Error("{Path}: cannot read this directory: {Reason}", folder, ex.Message);
                continue;
            }

            Array.Sort(subfolders, StringComparer.Ordinal);
            for (var i = subfolders.Length - 1; i >= 0; i--)
            {
                if (!Path.GetFileName(subfolders[i]).StartsWith('.'))
                {
                    pending.Push(subfolders[i]);
                }
            }
        }
    }

    private SourceManifest? ManifestFor(string folder)
    {
        var key = Path.GetFullPath(folder);
        if (_manifests.TryGetValue(key, out var cached))
        {
            return cached;
        }

        SourceManifest? manifest = null;
        var path = Path.Combine(folder, SourceManifest.FileName);
        if (File.Exists(path))
        {
            try
            {
                manifest = SourceManifest.Parse(File.ReadAllText(path));
                log.Debug("Using manifest {Manifest} with {Count} documents", path, manifest.Documents.Count);
            }
            catch (FormatException ex)
            {
                Error("{Path}: {Problem}", path, ex.Message);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                Error("{Path}: cannot read: {Reason}", path, ex.Message);
            }
        }

        _manifests[key] = manifest;
        return manifest;
    }

    private void ReadFile(string path, bool explicitlyNamed)
    {
        string full;
        try
        {
            full = PathResolver.Canonical(path, _canonicalFolders);
        }
        catch (IOException ex)
        {
            Error("{Path}: cannot follow this link: {Reason}", path, ex.Message);
            return;
        }

        if (!_seenPaths.Add(full))
        {
            log.Debug("{Path} was named twice; reading it once", path);
            return;
        }

        var folder = Path.GetDirectoryName(Path.GetFullPath(path)) ?? ".";
        var entry = ManifestFor(folder)?.Find(Path.GetFileName(path));
        if (entry is null && !explicitlyNamed)
        {
            log.Debug("{Path} has no manifest entry; its id is its file name", path);
        }

        var baseId = entry?.Id ?? Path.GetFileNameWithoutExtension(path);
        // One open, one size query and (for a file under the limit) one read: folders of thousands of small articles
        // spend more on system calls than on text otherwise.
        SafeFileHandle handle;
        long length;
        try
        {
            handle = File.OpenHandle(full, FileMode.Open, FileAccess.Read, FileShare.Read);
            length = RandomAccess.GetLength(handle);
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException
            || (ex is UnauthorizedAccessException && Directory.Exists(full)))
        {
            Error("{Path}: no such file (listed in {Manifest})", path, SourceManifest.FileName);
            return;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            Error("{Path}: cannot read: {Reason}", path, ex.Message);
            return;
        }

        using (handle)
        {
            if (length == 0)
            {
                Error("{Path}: file is empty", path);
                return;
            }

            var source = new InputSource(path, baseId, entry);
            if (length <= maxBytes)
            {
                // Room for this file's text before it is decoded (a consumer bounding what is in flight waits here).
                beforeRead?.Invoke(length);
            }

            byte[]? rented = null;
            try
            {
                if (length > LargeFile && length <= maxBytes && TryReadLargeText(handle, length, source, entry))
                {
                    // Read, decoded and handed on (or its problem logged).
                }
                else if (length <= maxBytes)
                {
                    // The whole file as it was when opened (its size then): one read.
                    // A large file's bytes are allocated exactly and left to the GC once decoded: the shared pool
                    // would round them up to a power of two and keep them for the rest of the run.
                    byte[]? bytes = length > LargeFile ? GC.AllocateUninitializedArray<byte>((int)length) : (rented = ArrayPool<byte>.Shared.Rent((int)length));
                    var count = ReadAt(handle, bytes.AsSpan(0, (int)length), path);
                    if (count < 0)
                    {
                        return;
                    }

                    if (count == 0)
                    {
                        Error("{Path}: file is empty", path);
                        return;
                    }

                    var format = ParseFormat(entry?.Format) ?? InputSniffer.Detect(path, bytes.AsSpan(0, Math.Min(count, InputSniffer.SniffLength)));
                    switch (format)
                    {
                        case InputFormat.JsonLines:
                            ReadJsonLines(new MemoryStream(bytes, 0, count, writable: false), source);
                            break;
                        case InputFormat.Feed:
                            ReadFeed(new MemoryStream(bytes, 0, count, writable: false), source);
                            break;
                        default:
                            // Decoded first, so that the bytes can go before the document is handed on.
                            var document = ReadSingle(bytes, count, source, format);
                            bytes = null;
                            Emit(document);
                            break;
                    }
                }
                else
                {
                    // Over the limit for one document: only JSON lines (a document per line) can still be read, streaming.
                    var head = new byte[InputSniffer.SniffLength];
                    var count = ReadAt(handle, head, path);
                    if (count < 0)
                    {
                        return;
                    }

                    var format = ParseFormat(entry?.Format) ?? InputSniffer.Detect(path, head.AsSpan(0, count));
                    ReadStream(new FileStream(handle, FileAccess.Read, 64 * 1024), source, format);
                }
            }
            finally
            {
                if (rented is not null)
                {
                    ArrayPool<byte>.Shared.Return(rented);
                }
            }
        }
    }

    /// <summary>Reads the documents of a stream in <paramref name="format"/>.</summary>
    private void ReadStream(Stream stream, InputSource source, InputFormat format)
    {
        switch (format)
        {
            case InputFormat.JsonLines:
                ReadJsonLines(stream, source);
                break;
            case InputFormat.Feed:
                ReadFeed(stream, source);
                break;
            default:
                ReadSingle(stream, source, format);
                break;
        }
    }

    /// <summary>Fills <paramref name="buffer"/> from the start of the file, or up to its end; -1 (logged) when it fails.</summary>
    private int ReadAt(SafeFileHandle handle, Span<byte> buffer, string path)
    {
        try
        {
            var total = 0;
            int read;
            while (total < buffer.Length && (read = RandomAccess.Read(handle, buffer[total..], total)) > 0)
            {
                total += read;
            }

            return total;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            Error("{Path}: cannot read: {Reason}", path, ex.Message);
            return -1;
        }
    }

    private void ReadStandardInput()
    {
        if (standardInput is null)
        {
            Error("-: standard input is not available");
            return;
        }

        if (!_seenPaths.Add(StandardInputArgument))
        {
            Error("-: standard input can be read only once");
            return;
        }

        // Standard input cannot be read twice: keep what is needed to sniff, then go on from there.
        var input = standardInput();
        var headStream = new MemoryStream();
        var chunk = new byte[InputSniffer.SniffLength];
        int read;
        while (headStream.Length < InputSniffer.SniffLength && (read = input.Read(chunk, 0, chunk.Length - (int)headStream.Length)) > 0)
        {
            headStream.Write(chunk, 0, read);
        }

        var head = headStream.ToArray();
        if (head.Length == 0)
        {
            Error("-: standard input is empty");
            return;
        }

        var format = InputSniffer.Sniff(head);
        using var stream = new PrefixedStream(head, input);
        var source = new InputSource("-", "stdin", null);
        ReadStream(stream, source, format);
    }

    private void ReadSingle(Stream stream, InputSource source, InputFormat format)
    {
        var bytes = ReadAll(stream, source.Path);
        if (bytes is null)
        {
            return;
        }

        var document = ReadSingle(bytes, bytes.Length, source, format);
        bytes = null;
        Emit(document);
    }

    /// <summary>One text or HTML document from the first <paramref name="count"/> bytes of <paramref name="bytes"/>.</summary>
    private SourceDocument? ReadSingle(byte[] bytes, int count, InputSource source, InputFormat format)
    {

        var decoded = format == InputFormat.Html ? HtmlDecoder.Decode(bytes.AsSpan(0, count)) : TextDecoder.Decode(bytes.AsSpan(0, count));
        switch (decoded.Problem)
        {
            case DecodeProblem.Empty:
                Error("{Path}: file is empty", source.Path);
                return null;
            case DecodeProblem.Binary:
                Error("{Path}: looks like a binary file, not text", source.Path);
                return null;
        }

        if (decoded.InvalidUtf8Offset is { } offset)
        {
            log.Warning("{Path}: not valid UTF-8 at byte {Offset}; read as Windows-1252", source.Path, offset);
        }

        return FromText(decoded.Text!, decoded.Encoding, count, source, format);
    }

    /// <summary>
    /// A large plain-text file, decoded from the file a megabyte at a time straight into its string (two reads of the file:
    /// one to validate it and count its characters, one to decode), so that its bytes and its text are never held at once.
    /// False when this does not apply (not text, a byte-order mark other than UTF-8's, not valid UTF-8, a binary file):
    /// the file is then read whole as before; true when the document was handed on or its problem logged.
    /// </summary>
    private bool TryReadLargeText(SafeFileHandle handle, long length, InputSource source, ManifestEntry? entry)
    {
        var head = new byte[Math.Max(InputSniffer.SniffLength, 8192)];
        var count = ReadAt(handle, head, source.Path);
        if (count <= 0)
        {
            return false;
        }

        var format = ParseFormat(entry?.Format) ?? InputSniffer.Detect(source.Path, head.AsSpan(0, Math.Min(count, InputSniffer.SniffLength)));
        var probe = TextDecoder.Decode(head.AsSpan(0, Math.Min(count, 8192)));
        if (format != InputFormat.Text || probe.Problem == DecodeProblem.Binary || probe.Encoding.StartsWith("utf-16", StringComparison.Ordinal))
        {
            return false;
        }

        var start = head.AsSpan().StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]) ? 3 : 0;
        var buffer = ArrayPool<byte>.Shared.Rent(LargeFile);
        var chars = ArrayPool<char>.Shared.Rent(LargeFile);
        try
        {
            var total = DecodeUtf8(handle, start, length, buffer, chars, []);
            if (total < 0 || total > Array.MaxLength)
            {
                return false;
            }

            var text = string.Create((int)total, (handle, start, length, buffer, chars), static (span, state) =>
            {
                if (DecodeUtf8(state.handle, state.start, state.length, state.buffer, state.chars, span) != span.Length)
                {
                    throw new IOException("the file changed while it was read");
                }
            });
            if (string.IsNullOrWhiteSpace(text))
            {
                Error("{Path}: file is empty", source.Path);
                return true;
            }

            var document = FromText(text, "utf-8", length, source, format);
            text = null;
            Emit(document);
            return true;
        }
        catch (IOException ex)
        {
            Error("{Path}: cannot read: {Reason}", source.Path, ex.Message);
            return true;
        }
        finally
        {
            ArrayPool<char>.Shared.Return(chars);
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>Decodes the UTF-8 file from <paramref name="start"/> to <paramref name="length"/> a buffer at a time into
    /// <paramref name="destination"/> (or, when it is empty, only counts the characters); -1 when it is not valid UTF-8.</summary>
    private static long DecodeUtf8(SafeFileHandle handle, long start, long length, byte[] buffer, char[] chars, Span<char> destination)
    {
        var offset = start;
        var carry = 0;
        long total = 0;
        var counting = destination.IsEmpty;
        while (offset < length || carry > 0)
        {
            var read = offset < length ? RandomAccess.Read(handle, buffer.AsSpan(carry, (int)Math.Min(buffer.Length - carry, length - offset)), offset) : 0;
            if (read == 0 && offset < length)
            {
                // The file shrank.
                return -1;
            }

            offset += read;
            var bytes = buffer.AsSpan(0, carry + read);
            var target = counting ? chars.AsSpan() : destination[(int)Math.Min(total, destination.Length)..];
            var status = System.Text.Unicode.Utf8.ToUtf16(bytes, target, out var consumed, out var written, replaceInvalidSequences: false, isFinalBlock: offset >= length);
            if (status is OperationStatus.InvalidData || (status is OperationStatus.DestinationTooSmall && !counting) || (status is OperationStatus.NeedMoreData && offset >= length))
            {
                return -1;
            }

            total += written;
            carry = bytes.Length - consumed;
            bytes[consumed..].CopyTo(buffer);
            if (read == 0 && consumed == 0)
            {
                break;
            }
        }

        return total;
    }

    private SourceDocument? FromText(string text, string encoding, long count, InputSource source, InputFormat format)
    {
        var decoded = (Encoding: encoding, Text: text);
        if (format == InputFormat.Text && !MarkupDetector.LooksLikeMarkup(text))
        {
            var document = Add(source, source.BaseId, text, source.Entry?.Date, source.Entry?.Outlet, null, null, source.Entry?.Url, null);
            if (document is not null)
            {
                log.Debug("Read {Path} as {Id} (text, {Encoding}, {Chars} characters)", source.Path, document.Id, decoded.Encoding, text.Length);
            }

            return document;
        }

        // A page, whatever its name says.
        var extraction = _extractor.Extract(text, source.Entry?.Url);
        if (extraction.Article is not { } article)
        {
            Error("{Path}: {Problem}", source.Path, extraction.Problem);
            return null;
        }

        var page = Add(source, source.BaseId, article.Text, source.Entry?.Date, source.Entry?.Outlet ?? article.SiteName, article.Published, article.Language, source.Entry?.Url ?? article.CanonicalUrl, article.Title);
        if (page is not null)
        {
            log.Debug("Read {Path} as {Id} (HTML page, {Encoding}: {Title}; {Chars} characters of text from {Bytes} bytes)", source.Path, page.Id, decoded.Encoding, article.Title, article.Text.Length, count);
        }

        return page;
    }

    private void ReadFeed(Stream stream, InputSource source)
    {
        var bytes = ReadAll(stream, source.Path);
        if (bytes is null)
        {
            return;
        }

        ParsedFeed feed;
        try
        {
            feed = FeedParser.Parse(new MemoryStream(bytes, writable: false), _extractor);
        }
        catch (FormatException ex)
        {
            Error("{Path}: {Problem}", source.Path, ex.Message);
            return;
        }

        if (feed.Items.Count == 0)
        {
            Error("{Path}: the feed has no items", source.Path);
            return;
        }

        foreach (var item in feed.Items)
        {
            var where = $"{source.Path}#{item.Number}";
            foreach (var warning in item.Warnings)
            {
                log.Warning("{Path}: item {Number}: {Warning}", source.Path, item.Number, warning);
            }

            if (item.Article is not { } article)
            {
                Error("{Path}: item {Number}: {Problem}", source.Path, item.Number, item.Problem);
                continue;
            }

            Emit(Add(source with { Path = where }, $"{source.BaseId}#{item.Number}", article.Text, null, source.Entry?.Outlet ?? item.Source, article.Published, source.Entry?.Language, item.Link ?? article.CanonicalUrl, article.Title));
        }
    }

    private void ReadJsonLines(Stream stream, InputSource source)
    {
        var limit = (int)Math.Min(maxBytes, Array.MaxLength - (1024 * 1024));
        foreach (var line in JsonLinesReader.Read(stream, limit))
        {
            if (line.Warning is not null)
            {
                log.Warning("{Path}: {Warning}", source.Path, line.Warning);
            }

            if (line.Article is not { } article)
            {
                Error("{Path}: {Problem}", source.Path, line.Problem);
                continue;
            }

            var where = $"{source.Path}:{line.Line}";
            var id = article.Id ?? $"{source.BaseId}:{line.Line}";
            var outlet = article.Source ?? source.Entry?.Outlet;
            if (article.Text is { } text)
            {
                Emit(Add(source with { Path = where }, id, text, null, outlet, article.Published, source.Entry?.Language, article.Url, article.Title));
                continue;
            }

            var extraction = _extractor.Extract(article.Html!, article.Url);
            if (extraction.Article is not { } page)
            {
                Error("{Path}: line {Line}: {Problem}", source.Path, line.Line, extraction.Problem);
                continue;
            }

            Emit(Add(source with { Path = where }, id, page.Text, null, outlet ?? page.SiteName, article.Published ?? page.Published, source.Entry?.Language ?? page.Language, article.Url ?? page.CanonicalUrl, article.Title ?? page.Title));
        }
    }

    private SourceDocument? Add(
        InputSource source, string id, string text, DateOnly? manifestDate, string? outlet, DateTimeOffset? published, string? language, string? url, string? title)
    {
        if (_idToPath.TryGetValue(id, out var other))
        {
            Error("{Path}: document id {Id} is already used by {Other}", source.Path, id, other);
            return null;
        }

        _idToPath[id] = source.Path;
        _documents++;
        return new SourceDocument(id, text)
        {
            Path = source.Path,
            Date = manifestDate ?? (published is { } p ? DateOnly.FromDateTime(p.UtcDateTime) : null),
            Outlet = outlet,
            Language = source.Entry?.Language ?? language,
            Url = url,
            Title = title,
        };
    }

    private byte[]? ReadAll(Stream stream, string path)
    {
        if (stream.CanSeek && stream.Length > maxBytes)
        {
            Error("{Path}: file is {Size:N0} bytes, over the limit of {Limit:N0} (raise it with --max-bytes)", path, stream.Length, maxBytes);
            return null;
        }

        try
        {
            using var buffer = new MemoryStream();
            var chunk = new byte[64 * 1024];
            int read;
            while ((read = stream.Read(chunk, 0, chunk.Length)) > 0)
            {
                if (buffer.Length + read > maxBytes)
                {
                    Error("{Path}: over the limit of {Limit:N0} bytes (raise it with --max-bytes)", path, maxBytes);
                    return null;
                }

                buffer.Write(chunk, 0, read);
            }

            return buffer.ToArray();
        }
        catch (IOException ex)
        {
            Error("{Path}: cannot read: {Reason}", path, ex.Message);
            return null;
        }
    }

    private static InputFormat? ParseFormat(string? format) => format?.ToLowerInvariant() switch
    {
        null or "" => null,
        "text" or "txt" => InputFormat.Text,
        "html" => InputFormat.Html,
        "feed" or "rss" or "atom" => InputFormat.Feed,
        "jsonl" or "json-lines" or "ndjson" => InputFormat.JsonLines,
        _ => null,
    };

    private void Error(string template, params object?[] values)
    {
        HadErrors = true;
        log.Error(template, values);
    }

    /// <summary>Where documents come from: the path for messages, the id they are named after, the manifest entry.</summary>
    private sealed record InputSource(string Path, string BaseId, ManifestEntry? Entry);
}
