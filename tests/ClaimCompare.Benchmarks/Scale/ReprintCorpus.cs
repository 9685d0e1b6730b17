using System.Globalization;
using System.Text;
using System.Text.Json;
using ClaimCompare.Core.Similarity;

namespace ClaimCompare.Benchmarks.Scale;

/// <summary>
/// A wire story reprinted by many outlets, written to a folder with a sources.json: fixture 001 (the Associated
/// Press/Washington Post report of 12 January 2022, as arkansasonline.com printed it) reprinted N times, each reprint
/// cut from the bottom, some with a paragraph dropped, a few words swapped, a teaser line inserted or a sign-off added,
/// and about one in a hundred with one figure changed (the known truth); plus the five fixtures themselves.
/// </summary>
/// <remarks>
/// The changed figures are chosen so that the new value is disjoint from the original ("some 100,000" to "some
/// 200,000", "all 30" to "all 20", "nearly four-hour" to "nearly eight-hour", "More than 10,000" to "About 1,000"):
/// each must come out as a conflict, and nothing else may. Word swaps stay outside quotations and never touch a
/// figure. Deterministic for a seed (SplitMix64).
/// </remarks>
internal static class ReprintCorpus
{
    private static readonly (string From, string To)[] Swaps =
    [
        ("talks", "discussions"), ("officials", "diplomats"), ("voiced", "expressed"), ("possible", "potential"),
        ("fears", "concerns"), ("said", "stated"), ("meeting", "session"), ("proposals", "plans"),
    ];

    // The original wording, the changed one, and the changed number as any reading of the claim must contain it.
    private static readonly (string From, string To, string Number)[] Changes =
    [
        ("some 100,000 troops", "some 200,000 troops", "200,000"),
        ("all 30 NATO members", "all 20 NATO members", "20"),
        ("nearly four-hour meeting", "nearly eight-hour meeting", "eight"),
        ("More than 10,000 Russian troops", "About 1,000 Russian troops", "1,000"),
    ];

    private static readonly string[] Teasers =
    [
        "READ MORE: NATO chief warns of real risk of new conflict in Europe",
        "Read Also: What Russia wants from the West, explained",
        "Related Article: Ukraine crisis: the talks in Geneva",
    ];

    private static readonly string[] SignOffs =
    [
        "The Associated Press contributed to this report.",
        "Follow our world coverage for the latest on the crisis.",
        "Reporting by wire services; editing by our news desk.",
    ];

    /// <summary>A changed figure: the document, the changed number's span in its text, and that number.</summary>
    public sealed record Change(string Document, int Start, int End, string Text);

    /// <summary>Writes the corpus to <paramref name="folder"/> and returns the changed figures.</summary>
    public static List<Change> Write(string folder, string fixtures, int reprints, ulong seed = 20220113)
    {
        Directory.CreateDirectory(folder);
        var manifest = JsonDocument.Parse(File.ReadAllText(Path.Combine(fixtures, "sources.json")));
        var entries = new List<(string Id, string File, string? Date, string? Outlet)>();
        foreach (var entry in manifest.RootElement.GetProperty("documents").EnumerateArray())
        {
            entries.Add((entry.GetProperty("id").GetString()!, entry.GetProperty("file").GetString()!,
                entry.TryGetProperty("date", out var d) && d.ValueKind == JsonValueKind.String ? d.GetString() : null,
                entry.TryGetProperty("outlet", out var o) && o.ValueKind == JsonValueKind.String ? o.GetString() : null));
        }

        var documents = new List<(string Id, string File, string? Date, string? Outlet)>();
        foreach (var (id, file, date, outlet) in entries)
        {
            File.Copy(Path.Combine(fixtures, file), Path.Combine(folder, file), overwrite: true);
            documents.Add((id, file, date, outlet));
        }

        var original = File.ReadAllText(Path.Combine(fixtures, entries.Single(e => e.Id == "001").File));
        var paragraphs = Paragraphs(original);
        var random = new SplitMix64(seed);
        var changes = new List<Change>();
        for (var i = 1; i <= reprints; i++)
        {
            var id = "r" + i.ToString("D5", CultureInfo.InvariantCulture);
            var kept = new List<string>(paragraphs);

            // Cut from the bottom: keep at least the first eight paragraphs.
            var keep = 8 + random.NextInt(kept.Count - 7);
            kept.RemoveRange(keep, kept.Count - keep);
            if (random.NextDouble() < 0.3)
            {
                kept.RemoveAt(1 + random.NextInt(kept.Count - 1));
            }

            for (var p = 0; p < kept.Count; p++)
            {
                if (random.NextDouble() < 0.12 && !kept[p].Contains('"', StringComparison.Ordinal))
                {
                    var (from, to) = Swaps[random.NextInt(Swaps.Length)];
                    kept[p] = ReplaceWord(kept[p], from, to);
                }
            }

            string? changed = null;
            if (i % 97 == 13)
            {
                var (from, to, number) = Changes[(i / 97) % Changes.Length];
                for (var p = 0; p < kept.Count && changed is null; p++)
                {
                    if (kept[p].Contains(from, StringComparison.Ordinal))
                    {
                        kept[p] = kept[p].Replace(from, to, StringComparison.Ordinal);
                        changed = number;
                    }
                }
            }

            if (random.NextDouble() < 0.3)
            {
                kept.Insert(1 + random.NextInt(kept.Count - 1), Teasers[random.NextInt(Teasers.Length)]);
            }

            if (random.NextDouble() < 0.5)
            {
                kept.Add(SignOffs[random.NextInt(SignOffs.Length)]);
            }

            var text = string.Join("\n\n", kept) + "\n";
            if (changed is not null)
            {
                var to = Changes[(i / 97) % Changes.Length].To;
                var at = text.IndexOf(to, StringComparison.Ordinal) + to.IndexOf(changed, StringComparison.Ordinal);
                changes.Add(new Change(id, at, at + changed.Length, changed));
            }

            var file = id + ".txt";
            File.WriteAllText(Path.Combine(folder, file), text, new UTF8Encoding(false));
            var date = new DateOnly(2022, 1, 13).AddDays(random.NextInt(3)).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
            documents.Add((id, file, date, $"news-{i:D5}.example"));
        }

        using var stream = File.Create(Path.Combine(folder, "sources.json"));
        using var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true });
        json.WriteStartObject();
        json.WriteString("story", "reprints-" + reprints.ToString(CultureInfo.InvariantCulture));
        json.WriteStartArray("documents");
        foreach (var (id, file, date, outlet) in documents)
        {
            json.WriteStartObject();
            json.WriteString("id", id);
            json.WriteString("file", file);
            json.WriteString("date", date);
            json.WriteString("outlet", outlet);
            json.WriteString("language", "en");
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteEndObject();
        return changes;
    }

    /// <summary>The paragraphs of the fixture's body: its dateline marker dropped, blank runs collapsed.</summary>
    private static List<string> Paragraphs(string text)
    {
        var body = text.StartsWith(" date ", StringComparison.Ordinal) ? text[(text.IndexOf(' ', 6) + 1)..] : text;
        var result = new List<string>();
        foreach (var paragraph in body.Replace("\r\n", "\n", StringComparison.Ordinal).Split("\n\n"))
        {
            var trimmed = paragraph.Trim();
            if (trimmed.Length > 0)
            {
                result.Add(trimmed);
            }
        }

        return result;
    }

    private static string ReplaceWord(string text, string from, string to) =>
        System.Text.RegularExpressions.Regex.Replace(text, $@"\b{from}\b", to, System.Text.RegularExpressions.RegexOptions.CultureInvariant);
}
