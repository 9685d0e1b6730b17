using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace ClaimCompare.Core.Ingest;

/// <summary>One entry of a folder's <c>sources.json</c>.</summary>
/// <param name="Id">The document id used in every report.</param>
/// <param name="File">The file name, relative to the manifest's folder.</param>
public sealed record ManifestEntry(string Id, string File)
{
    /// <summary>The date the article states, if it states one.</summary>
    public DateOnly? Date { get; init; }

    /// <summary>The outlet, where the text names it.</summary>
    public string? Outlet { get; init; }

    /// <summary>BCP 47 language tag.</summary>
    public string? Language { get; init; }

    /// <summary>The article's URL, when known.</summary>
    public string? Url { get; init; }

    /// <summary>How to read the file (<c>text</c>, <c>html</c>, <c>feed</c>, <c>jsonl</c>) when its extension and
    /// content should not decide; <see langword="null"/> to let them.</summary>
    public string? Format { get; init; }
}

/// <summary>
/// A folder's <c>sources.json</c>: <c>{"story": "...", "documents": [{"id", "file", "date", "outlet", "language", "url", "format"}]}</c>.
/// </summary>
public sealed class SourceManifest
{
    /// <summary>The conventional file name of a manifest.</summary>
    public const string FileName = "sources.json";

    private readonly Dictionary<string, ManifestEntry> _byFile;

    private SourceManifest(string? story, IReadOnlyList<ManifestEntry> documents)
    {
        Story = story;
        Documents = documents;
        _byFile = new Dictionary<string, ManifestEntry>(StringComparer.Ordinal);
        foreach (var entry in documents)
        {
            _byFile[entry.File] = entry;
        }
    }

    /// <summary>The story key, if the manifest names one.</summary>
    public string? Story { get; }

    /// <summary>The entries in manifest order.</summary>
    public IReadOnlyList<ManifestEntry> Documents { get; }

    /// <summary>Finds the entry for a file name (not a path), or returns <see langword="null"/>.</summary>
    /// <param name="fileName">A file name as written in the manifest.</param>
    /// <returns>The entry, if the manifest lists the file.</returns>
    public ManifestEntry? Find(string fileName) => _byFile.GetValueOrDefault(fileName);

    /// <summary>Parses a manifest.</summary>
    /// <param name="json">The manifest's text.</param>
    /// <returns>The manifest.</returns>
    /// <exception cref="FormatException">The JSON is malformed, an entry lacks <c>id</c> or <c>file</c>,
    /// a file names a path outside the folder, a date is not <c>YYYY-MM-DD</c>, or an id or file repeats.</exception>
    public static SourceManifest Parse(string json)
    {
        ManifestDto? dto;
        try
        {
            dto = JsonSerializer.Deserialize(json, ManifestJsonContext.Default.ManifestDto);
        }
        catch (JsonException ex)
        {
            throw new FormatException($"invalid JSON at line {ex.LineNumber + 1}: {FirstSentence(ex.Message)}", ex);
        }

        if (dto?.Documents is null)
        {
            throw new FormatException("expected an object with a \"documents\" array");
        }

        var ids = new HashSet<string>(StringComparer.Ordinal);
        var files = new HashSet<string>(StringComparer.Ordinal);
        var entries = new List<ManifestEntry>(dto.Documents.Count);
        for (var i = 0; i < dto.Documents.Count; i++)
        {
            var d = dto.Documents[i] ?? throw new FormatException($"documents[{i}] is null");
            if (string.IsNullOrWhiteSpace(d.Id) || string.IsNullOrWhiteSpace(d.File))
            {
                throw new FormatException($"documents[{i}] needs both \"id\" and \"file\"");
            }

            if (d.File.Contains('/', StringComparison.Ordinal) || d.File.Contains('\\', StringComparison.Ordinal) || d.File is "." or "..")
            {
                throw new FormatException($"documents[{i}].file must be a file name in the manifest's folder, not \"{d.File}\"");
            }

            if (!ids.Add(d.Id))
            {
                throw new FormatException($"id \"{d.Id}\" appears twice");
            }

            if (!files.Add(d.File))
            {
                throw new FormatException($"file \"{d.File}\" appears twice");
            }

            DateOnly? date = null;
            if (!string.IsNullOrEmpty(d.Date))
            {
                if (!DateOnly.TryParseExact(d.Date, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed))
                {
                    throw new FormatException($"documents[{i}].date \"{d.Date}\" is not YYYY-MM-DD");
                }

                date = parsed;
            }

            if (d.Format is not null && d.Format.ToLowerInvariant() is not ("text" or "txt" or "html" or "feed" or "rss" or "atom" or "jsonl" or "json-lines" or "ndjson"))
            {
                throw new FormatException($"documents[{i}].format \"{d.Format}\" is not one of text, html, feed, jsonl");
            }

            entries.Add(new ManifestEntry(d.Id, d.File) { Date = date, Outlet = d.Outlet, Language = d.Language, Url = d.Url, Format = d.Format });
        }

        return new SourceManifest(dto.Story, entries);
    }

    private static string FirstSentence(string message)
    {
        var dot = message.IndexOf(". ", StringComparison.Ordinal);
        return dot < 0 ? message : message[..(dot + 1)];
    }
}

internal sealed class ManifestDto
{
    public string? Story { get; set; }

    public List<ManifestEntryDto?>? Documents { get; set; }
}

internal sealed class ManifestEntryDto
{
    public string? Id { get; set; }

    public string? File { get; set; }

    public string? Date { get; set; }

    public string? Outlet { get; set; }

    public string? Language { get; set; }

    public string? Url { get; set; }

    public string? Format { get; set; }
}

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, ReadCommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true)]
[JsonSerializable(typeof(ManifestDto))]
internal sealed partial class ManifestJsonContext : JsonSerializerContext;
