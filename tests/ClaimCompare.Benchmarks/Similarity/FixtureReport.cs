using System.Globalization;
using ClaimCompare.Core.Similarity;
using ClaimCompare.Core.Text;

using ClaimCompare.Core.Tests.Similarity.Support;

namespace ClaimCompare.Benchmarks.Similarity;

/// <summary>
/// <c>fixtures [--folder path] [--all] [--rewrite-threshold t]</c>: runs the detector over a fixture folder and prints every pair,
/// cluster and overlap; with <c>--all</c> also every cross-document pair sharing three or more content words,
/// with its scores and the verifier's verdict, to tune thresholds by reading.
/// </summary>
internal static class FixtureReport
{
    public static int Run(string[] args)
    {
        var folder = FindFixtures();
        var all = false;
        double? threshold = null;
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--folder" when i + 1 < args.Length:
                    folder = args[++i];
                    break;
                case "--all":
                    all = true;
                    break;
                case "--rewrite-threshold" when i + 1 < args.Length:
                    threshold = double.Parse(args[++i], CultureInfo.InvariantCulture);
                    break;
                default:
                    Console.Error.WriteLine($"unknown argument: {args[i]}");
                    return 1;
            }
        }

        var documents = PipelineDocuments.LoadFixtures(folder);
        var options = DedupOptions.Default with { RewriteThreshold = threshold };
        var result = new NearDuplicateDetector().Detect(documents, options);
        var byId = documents.ToDictionary(d => d.Id);

        Console.WriteLine($"passages {result.Statistics.Passages}, copy candidates {result.Statistics.CopyCandidates}, rewrite candidates {result.Statistics.RewriteCandidates}, verified {result.Statistics.VerifiedPairs}");
        Console.WriteLine($"banding copy {result.Statistics.CopyBanding}, rewrite {result.Statistics.RewriteBanding}");
        Console.WriteLine();
        Console.WriteLine($"== {result.Pairs.Count} pairs");
        foreach (var pair in result.Pairs)
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{pair.Kind.ToWireName()} J={pair.Jaccard:F2} C={pair.Containment:F2} F={pair.Fuzzy:F2} p={pair.Confidence:F3}"));
            Console.WriteLine($"  {pair.A.Document}#{pair.A.Passage} [{pair.A.Start},{pair.A.End}) {Text(byId, pair.A)}");
            Console.WriteLine($"  {pair.B.Document}#{pair.B.Passage} [{pair.B.Start},{pair.B.End}) {Text(byId, pair.B)}");
        }

        Console.WriteLine();
        Console.WriteLine($"== {result.Clusters.Count} clusters");
        foreach (var cluster in result.Clusters)
        {
            Console.WriteLine($"cluster {cluster.Id}: representative {cluster.Representative.Document}#{cluster.Representative.Passage}");
            foreach (var member in cluster.Members)
            {
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {member.Document}#{member.Passage} {member.Kind.ToWireName()} J={member.Jaccard:F2} C={member.Containment:F2} F={member.Fuzzy:F2}"));
                if (member.Diff.Count > 0)
                {
                    Console.WriteLine("    " + string.Concat(member.Diff.Select(s => s.Kind switch
                    {
                        DiffKind.Equal => s.Text,
                        DiffKind.Deleted => "[-" + s.Text + "-]",
                        _ => "{+" + s.Text + "+}",
                    })));
                }
            }
        }

        Console.WriteLine();
        Console.WriteLine("== overlap");
        foreach (var o in result.Overlap)
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{o.A} {o.B} shared={o.SharedPassages} a_share={o.AShare:F3} b_share={o.BShare:F3} origin={o.LikelyOrigin ?? "?"}"));
        }

        Console.WriteLine();
        Console.WriteLine("== boilerplate");
        foreach (var b in result.Boilerplate)
        {
            Console.WriteLine($"{b.Outlet} {b.Span.Document}#{b.Span.Passage} {b.Text}");
        }

        if (all)
        {
            PrintAllPairs(documents, options);
        }

        return 0;
    }

    private static void PrintAllPairs(IReadOnlyList<ProcessedDocument> documents, DedupOptions options)
    {
        var shingler = new Shingler(options.CopyScheme.Shingles, options.NormalizerVersion);
        var content = new Shingler(options.RewriteScheme.Shingles, options.NormalizerVersion);
        var verifier = new PassageVerifier(options);
        var items = documents.SelectMany(d => d.Passages.Select(p => (Doc: d.Id, P: p, F: PassageFingerprint.Create(p.Normalized, shingler, content)))).ToList();
        Console.WriteLine();
        Console.WriteLine("== all cross-document pairs with >= 3 shared content words (names not excluded here)");
        for (var i = 0; i < items.Count; i++)
        {
            for (var j = i + 1; j < items.Count; j++)
            {
                if (items[i].Doc == items[j].Doc)
                {
                    continue;
                }

                var s = verifier.Score(items[i].F, items[j].F);
                if (s.SharedContentWords < 3)
                {
                    continue;
                }

                var kind = verifier.Verify(items[i].F, items[j].F, out _);
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{kind?.ToWireName() ?? "-"} J={s.Jaccard:F2} C={s.Containment:F2} F={s.Fuzzy:F2} P={s.PartialFuzzy:F2} W={s.SharedContentWords} WC={s.ContentContainment:F2}"));
                Console.WriteLine($"  {items[i].Doc}#{items[i].P.Index} {items[i].P.Normalized}");
                Console.WriteLine($"  {items[j].Doc}#{items[j].P.Index} {items[j].P.Normalized}");
            }
        }
    }

    private static string Text(Dictionary<string, ProcessedDocument> byId, PassageSpan span) =>
        byId[span.Document].OriginalText[span.Start..span.End];

    internal static string FindFixtures()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "fixtures", "russia-nato-2022");
            if (Directory.Exists(candidate))
            {
                return candidate;
            }
        }

        return Path.Combine("fixtures", "russia-nato-2022");
    }
}
