using ClaimCompare.Core.Ingest;
using ClaimCompare.Core.Text;
using Serilog;

namespace ClaimCompare.Cli.Input;

/// <summary>What the loader read: the documents it could read, and whether any input failed.</summary>
/// <param name="Documents">Readable documents in a stable order (inputs in the order given; files in a folder by name).</param>
/// <param name="HadErrors">True when at least one input could not be read; each was logged as one error line.</param>
internal sealed record LoadResult(IReadOnlyList<SourceDocument> Documents, bool HadErrors);

/// <summary>Resolves the file and folder arguments of a command into source documents.</summary>
/// <remarks>
/// A folder contributes its <c>*.txt</c> files, recursively; where a folder holds a <c>sources.json</c>,
/// that manifest names the folder's documents instead, with their ids, dates and outlets. A file given
/// directly takes its id from its folder's manifest when listed there, else its name without extension.
/// Every problem is logged as one line and the loader goes on with the remaining inputs, so a command
/// can process everything it can and still exit with the input-error code.
/// </remarks>
/// <param name="log">Where problems are reported.</param>
/// <param name="maxBytes">The largest file read.</param>
/// <param name="onDocument">When set, each document is handed over as soon as it is read instead of being kept
/// (streaming commands: memory then holds only the documents in flight).</param>
internal sealed class DocumentLoader(ILogger log, long maxBytes, Action<SourceDocument>? onDocument = null)
{
    private readonly Dictionary<string, SourceManifest?> _manifests = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _idToPath = new(StringComparer.Ordinal);
    private readonly HashSet<string> _seenPaths = new(StringComparer.Ordinal);
    private readonly List<SourceDocument> _documents = [];
    private bool _hadErrors;
    private int _loaded;

    public LoadResult Load(IEnumerable<string> inputs)
    {
        foreach (var input in inputs)
        {
            if (File.Exists(input))
            {
                LoadFile(input, explicitlyNamed: true);
            }
            else if (Directory.Exists(input))
            {
                LoadFolder(input);
            }
            else
            {
                Error("{Path}: no such file or directory", input);
            }
        }

        return new LoadResult(_documents, _hadErrors);
    }

    private void LoadFolder(string folder)
    {
        var before = _loaded;
        var errorsBefore = _hadErrors;
        var files = new List<string>();
        CollectFolder(folder, files);
        foreach (var file in files)
        {
            LoadFile(file, explicitlyNamed: false);
        }

        if (_loaded == before && _hadErrors == errorsBefore)
        {
            Error("{Path}: no text files (*.txt) in this directory", folder);
        }
    }

    private void CollectFolder(string folder, List<string> files)
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
            var own = Directory.GetFiles(folder, "*.txt", SearchOption.TopDirectoryOnly);
            Array.Sort(own, StringComparer.Ordinal);
            files.AddRange(own);
        }

        var subfolders = Directory.GetDirectories(folder);
        Array.Sort(subfolders, StringComparer.Ordinal);
        foreach (var sub in subfolders)
        {
            if (!Path.GetFileName(sub).StartsWith('.'))
            {
                CollectFolder(sub, files);
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
        }

        _manifests[key] = manifest;
        return manifest;
    }

    private void LoadFile(string path, bool explicitlyNamed)
    {
        var full = Path.GetFullPath(path);
        if (!_seenPaths.Add(full))
        {
            log.Debug("{Path} was named twice; reading it once", path);
            return;
        }

        var folder = Path.GetDirectoryName(full) ?? ".";
        var entry = ManifestFor(folder)?.Find(Path.GetFileName(full));
        if (entry is null && !explicitlyNamed)
        {
            // A folder without a manifest: every *.txt file is a document named after its file.
            log.Debug("{Path} has no manifest entry; its id is its file name", path);
        }

        byte[] bytes;
        try
        {
            var info = new FileInfo(full);
            if (!info.Exists)
            {
                Error("{Path}: no such file (listed in {Manifest})", path, SourceManifest.FileName);
                return;
            }

            if (info.Length > maxBytes)
            {
                Error("{Path}: file is {Size:N0} bytes, over the limit of {Limit:N0} (raise it with --max-bytes)", path, info.Length, maxBytes);
                return;
            }

            bytes = File.ReadAllBytes(full);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            Error("{Path}: cannot read: {Reason}", path, ex.Message);
            return;
        }

        var decoded = TextDecoder.Decode(bytes);
        switch (decoded.Problem)
        {
            case DecodeProblem.Empty:
                Error("{Path}: file is empty", path);
                return;
            case DecodeProblem.Binary:
                Error("{Path}: looks like a binary file, not text", path);
                return;
        }

        if (decoded.InvalidUtf8Offset is { } offset)
        {
            log.Warning("{Path}: not valid UTF-8 at byte {Offset}; read as Windows-1252", path, offset);
        }

        var text = decoded.Text!;
        if (MarkupDetector.LooksLikeMarkup(text))
        {
            Error("{Path}: looks like an HTML page, not article text; save the article's text instead", path);
            return;
        }

        var id = entry?.Id ?? Path.GetFileNameWithoutExtension(full);
        if (_idToPath.TryGetValue(id, out var other))
        {
            Error("{Path}: document id {Id} is already used by {Other}", path, id, other);
            return;
        }

        _idToPath[id] = path;
        Add(new SourceDocument(id, text)
        {
            Path = path,
            Date = entry?.Date,
            Outlet = entry?.Outlet,
            Language = entry?.Language,
        });
        log.Debug("Read {Path} as {Id} ({Encoding}, {Chars} characters)", path, id, decoded.Encoding, text.Length);
    }

    private void Add(SourceDocument document)
    {
        _loaded++;
        if (onDocument is null)
        {
            _documents.Add(document);
        }
        else
        {
            onDocument(document);
        }
    }

    private void Error(string template, params object?[] values)
    {
        _hadErrors = true;
        log.Error(template, values);
    }
}
