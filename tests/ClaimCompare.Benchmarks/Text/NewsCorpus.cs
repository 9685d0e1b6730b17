using System.Text;
using ClaimCompare.Core.Similarity;
using ClaimCompare.Core.Text;

namespace ClaimCompare.Benchmarks.Text;

/// <summary>
/// A deterministic corpus of news-like documents built by reshuffling the lines of the fixture articles
/// (sentences, headings and their boilerplate), for throughput benchmarks.
/// </summary>
/// <remarks>
/// The shuffle uses a SplitMix64 generator of our own with a fixed seed: <see cref="Random"/> with a seed is
/// not promised to produce the same sequence across .NET versions, and the corpus must not change under a
/// benchmark between runtime upgrades.
/// </remarks>
internal static class NewsCorpus
{
    /// <summary>The minimum corpus size in UTF-8 bytes.</summary>
    public const long TargetBytes = 50L * 1024 * 1024;

    private const ulong Seed = 0x00C1A1C0_3A7E_2022UL;

    private static readonly Lazy<Corpus> s_corpus = new(Build);

    public static IReadOnlyList<SourceDocument> Documents => s_corpus.Value.Documents;

    public static long Utf8Bytes => s_corpus.Value.Utf8Bytes;

    public static long Chars => s_corpus.Value.Chars;

    /// <summary>Finds <c>fixtures/</c> by walking up from <see cref="AppContext.BaseDirectory"/>.</summary>
    public static string FindFixturesFolder()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "fixtures");
            if (Directory.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new DirectoryNotFoundException("No fixtures/ folder above " + AppContext.BaseDirectory);
    }

    private static Corpus Build()
    {
        var lines = new List<string>();
        foreach (var file in Directory.GetFiles(Path.Combine(FindFixturesFolder(), "russia-nato-2022"), "*.txt").Order(StringComparer.Ordinal))
        {
            foreach (var line in File.ReadAllText(file).Split('\n'))
            {
                if (!string.IsNullOrWhiteSpace(line))
                {
                    lines.Add(line);
                }
            }
        }

        var rng = new SplitMix64(Seed);
        var documents = new List<SourceDocument>();
        var builder = new StringBuilder();
        long bytes = 0, chars = 0;
        while (bytes < TargetBytes)
        {
            builder.Clear();
            var lineCount = 8 + rng.NextInt(40);

            // One document in four uses single line breaks between paragraphs, like fixture 003.
            var separator = rng.NextInt(4) == 0 ? "\n" : "\n\n";
            for (var i = 0; i < lineCount; i++)
            {
                if (i > 0)
                {
                    builder.Append(separator);
                }

                builder.Append(lines[rng.NextInt(lines.Count)]);
            }

            var text = builder.ToString();
            documents.Add(new SourceDocument(documents.Count.ToString("D6", System.Globalization.CultureInfo.InvariantCulture), text));
            bytes += Encoding.UTF8.GetByteCount(text);
            chars += text.Length;
        }

        return new Corpus(documents, bytes, chars);
    }

    private sealed record Corpus(IReadOnlyList<SourceDocument> Documents, long Utf8Bytes, long Chars);
}
