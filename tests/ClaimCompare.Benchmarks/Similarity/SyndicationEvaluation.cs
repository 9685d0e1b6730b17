using System.Diagnostics;
using System.Globalization;
using ClaimCompare.Core.Similarity;

namespace ClaimCompare.Benchmarks.Similarity;

/// <summary>
/// <c>syndication [--docs 10000,20000,40000] [--seed n] [--threads n]</c>: generates a syndication corpus per size,
/// runs the detector, and prints precision and recall of the found passage pairs against the known truth,
/// single-core signature throughput, end-to-end throughput and memory.
/// </summary>
internal static class SyndicationEvaluation
{
    public static int Run(string[] args)
    {
        var sizes = new List<int> { 10000, 20000, 40000 };
        ulong seed = 20220112;
        var threads = -1;
        var explain = false;
        int? commonCap = null;
        for (var i = 0; i < args.Length; i++)
        {
            var value = i + 1 < args.Length ? args[i + 1] : null;
            switch (args[i])
            {
                case "--docs" when value is not null:
                    sizes = [];
                    foreach (var part in value.Split(',', StringSplitOptions.RemoveEmptyEntries))
                    {
                        if (!int.TryParse(part, NumberStyles.None, CultureInfo.InvariantCulture, out var n) || n < 20)
                        {
                            Console.Error.WriteLine($"--docs: '{part}' is not a number of documents (at least 20)");
                            return 1;
                        }

                        sizes.Add(n);
                    }

                    i++;
                    break;
                case "--seed" when value is not null && ulong.TryParse(value, CultureInfo.InvariantCulture, out var s):
                    seed = s;
                    i++;
                    break;
                case "--threads" when value is not null && int.TryParse(value, CultureInfo.InvariantCulture, out var t) && t > 0:
                    threads = t;
                    i++;
                    break;
                case "--common-cap" when value is not null && int.TryParse(value, CultureInfo.InvariantCulture, out var cap) && cap > 0:
                    commonCap = cap;
                    i++;
                    break;
                case "--explain":
                    explain = true;
                    break;
                default:
                    Console.Error.WriteLine($"unknown or incomplete argument: {args[i]}");
                    return 1;
            }
        }

        var fixtures = FixtureReport.FindFixtures();
        var options = commonCap is { } c ? DedupOptions.Default with { CommonWordMaxPassages = Math.Max(c, DedupOptions.Default.CommonWordMinPassages) } : DedupOptions.Default;
        Console.WriteLine($"syndication evaluation: seed {seed}, {Environment.ProcessorCount} cores, detector threads {(threads < 0 ? "all" : threads)}, k={options.Permutations}, Vector512 {System.Runtime.Intrinsics.Vector512.IsHardwareAccelerated}");
        var rows = new List<string[]>();
        foreach (var size in sizes)
        {
            rows.Add(Evaluate(size, seed, threads, fixtures, options, explain));
            PrintTable(rows);
        }

        return 0;
    }

    private static string[] Evaluate(int size, ulong seed, int threads, string fixtures, DedupOptions options, bool explain)
    {
        var clock = Stopwatch.StartNew();
        var corpus = SyndicationCorpus.Generate(size, fixtures, seed);
        var generated = clock.Elapsed;
        var passages = corpus.Documents.Sum(d => d.Passages.Count);
        Console.Error.WriteLine($"[{size}] generated {passages} passages, {corpus.TextBytes / 1e6:F1} MB, {corpus.TruePairs.Count} true pairs in {generated.TotalSeconds:F1} s");

        var signatureRate = SignatureThroughput(corpus, options);
        using var self = Process.GetCurrentProcess();
        var cpuBeforeDetect = self.TotalProcessorTime;

        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        var managedBefore = GC.GetTotalMemory(true);
        var allocatedBefore = GC.GetTotalAllocatedBytes(true);
        clock.Restart();
        var stages = new List<string>();
        var detector = new NearDuplicateDetector(threads) { StageTimer = (name, time) => stages.Add($"{name} {time.TotalSeconds:F2}s") };
        var result = detector.Detect(corpus.Documents, options);
        var seconds = clock.Elapsed.TotalSeconds;
        self.Refresh();
        var cpuSeconds = (self.TotalProcessorTime - cpuBeforeDetect).TotalSeconds;
        var allocated = GC.GetTotalAllocatedBytes(true) - allocatedBefore;
        var managedAfter = GC.GetTotalMemory(true);
        using var process = Process.GetCurrentProcess();
        process.Refresh();
        var peakWorkingSet = process.PeakWorkingSet64;

        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var d = 0; d < corpus.Documents.Count; d++)
        {
            index[corpus.Documents[d].Id] = d;
        }

        var clusterPairs = new HashSet<(int, int, int, int)>();
        foreach (var cluster in result.Clusters)
        {
            var members = cluster.Members;
            for (var i = 0; i < members.Count; i++)
            {
                for (var j = i + 1; j < members.Count; j++)
                {
                    if (members[i].Document != members[j].Document)
                    {
                        clusterPairs.Add(SyndicationCorpus.Order(index[members[i].Document], members[i].Passage, index[members[j].Document], members[j].Passage));
                    }
                }
            }
        }

        var directPairs = new HashSet<(int, int, int, int)>();
        foreach (var pair in result.Pairs)
        {
            directPairs.Add(SyndicationCorpus.Order(index[pair.A.Document], pair.A.Passage, index[pair.B.Document], pair.B.Passage));
        }

        if (explain)
        {
            Explain(corpus, result, directPairs, clusterPairs);
        }

        var (clusterPrecision, clusterRecall) = Score(clusterPairs, corpus.TruePairs);
        var (pairPrecision, pairRecall) = Score(directPairs, corpus.TruePairs);
        var s = result.Statistics;
        Console.Error.WriteLine($"[{size}] stages: {string.Join(", ", stages)}; load average {File.ReadAllText("/proc/loadavg").Split(' ')[0]}");
        Console.Error.WriteLine($"[{size}] detect {seconds:F1} s: candidates copy {s.CopyCandidates}, rewrite {s.RewriteCandidates}, verified {s.VerifiedPairs}, clusters {result.Clusters.Count}, boilerplate {result.Boilerplate.Count}; banding copy {s.CopyBanding.Bands}x{s.CopyBanding.Rows}, rewrite {s.RewriteBanding.Bands}x{s.RewriteBanding.Rows}");

        var inv = CultureInfo.InvariantCulture;
        return
        [
            size.ToString(inv),
            passages.ToString(inv),
            (corpus.TextBytes / 1e6).ToString("F1", inv),
            corpus.TruePairs.Count.ToString(inv),
            clusterPrecision.ToString("F4", inv),
            clusterRecall.ToString("F4", inv),
            pairPrecision.ToString("F4", inv),
            pairRecall.ToString("F4", inv),
            signatureRate.Wall.ToString("F1", inv),
            signatureRate.Cpu.ToString("F1", inv),
            seconds.ToString("F1", inv),
            cpuSeconds.ToString("F1", inv),
            (size / seconds).ToString("F0", inv),
            (size / cpuSeconds).ToString("F0", inv),
            (corpus.TextBytes / 1e6 / seconds).ToString("F2", inv),
            ((double)s.BandTableBytes / s.IndexedPassages).ToString("F1", inv),
            ((double)s.SignatureBytes / s.IndexedPassages).ToString("F0", inv),
            ((double)s.ShingleBytes / s.Passages).ToString("F1", inv),
            ((managedAfter - managedBefore) / 1e6).ToString("F0", inv),
            (allocated / 1e6).ToString("F0", inv),
            (peakWorkingSet / 1e6).ToString("F0", inv),
        ];
    }

    /// <summary>
    /// Single-threaded Shingler + MinHasher (k = 128) over passage text, in MB of UTF-8 per second of wall time and
    /// per second of CPU time (the machine is shared, so CPU time is the fairer per-core figure).
    /// </summary>
    private static (double Wall, double Cpu) SignatureThroughput(SyndicationCorpus corpus, DedupOptions options)
    {
        var scheme = options.CopyScheme;
        var shingler = new Shingler(scheme.Shingles, options.NormalizerVersion);
        var hasher = new MinHasher(scheme);
        var values = new uint[scheme.Permutations];
        var texts = corpus.Documents.SelectMany(d => d.Passages).Select(p => p.Normalized).Take(100_000).ToArray();

        // Warm up for a second so tiered compilation has promoted the hot methods.
        var warm = Stopwatch.StartNew();
        for (var i = 0; warm.ElapsedMilliseconds < 1000; i = (i + 1) % texts.Length)
        {
            hasher.ComputeSignature(shingler.Shingle(texts[i]).Hashes, values);
        }

        long bytes = 0;
        using var process = Process.GetCurrentProcess();
        var cpuBefore = process.TotalProcessorTime;
        var clock = Stopwatch.StartNew();
        foreach (var text in texts)
        {
            hasher.ComputeSignature(shingler.Shingle(text).Hashes, values);
            bytes += text.Length;
        }

        var wall = clock.Elapsed.TotalSeconds;
        process.Refresh();
        var cpu = (process.TotalProcessorTime - cpuBefore).TotalSeconds;
        return (bytes / 1e6 / wall, bytes / 1e6 / cpu);
    }

    private static void Explain(SyndicationCorpus corpus, DedupResult result, HashSet<(int, int, int, int)> direct, HashSet<(int, int, int, int)> clustered)
    {
        string Text(int d, int p) => corpus.Documents[d].Passages[p].Text;
        var kinds = new Dictionary<(int, int, int, int), PassagePair>();
        foreach (var pair in result.Pairs)
        {
            kinds[SyndicationCorpus.Order(int.Parse(pair.A.Document[1..], CultureInfo.InvariantCulture), pair.A.Passage, int.Parse(pair.B.Document[1..], CultureInfo.InvariantCulture), pair.B.Passage)] = pair;
        }

        var byKind = result.Pairs.GroupBy(p => p.Kind).Select(g => $"{g.Key}={g.Count()}");
        Console.Error.WriteLine("pairs by kind: " + string.Join(", ", byKind));
        var falsePositives = direct.Where(p => !corpus.TruePairs.Contains(p)).ToList();
        Console.Error.WriteLine($"direct false positives {falsePositives.Count}, by kind: " + string.Join(", ", falsePositives.GroupBy(p => kinds[p].Kind).Select(g => $"{g.Key}={g.Count()}")));
        foreach (var p in falsePositives.Take(6))
        {
            var pair = kinds[p];
            Console.Error.WriteLine($"FP {pair.Kind} J={pair.Jaccard:F2} C={pair.Containment:F2} F={pair.Fuzzy:F2}\n  {Text(p.Item1, p.Item2)}\n  {Text(p.Item3, p.Item4)}");
        }

        var falseNegatives = corpus.TruePairs.Where(p => !clustered.Contains(p)).ToList();
        Console.Error.WriteLine($"cluster false negatives {falseNegatives.Count}");
        foreach (var p in falseNegatives.Take(4))
        {
            Console.Error.WriteLine($"FN\n  {Text(p.DocA, p.PassageA)}\n  {Text(p.DocB, p.PassageB)}");
        }
    }

    private static (double Precision, double Recall) Score(HashSet<(int, int, int, int)> found, HashSet<(int DocA, int PassageA, int DocB, int PassageB)> truth)
    {
        var hits = 0;
        foreach (var pair in found)
        {
            if (truth.Contains(pair))
            {
                hits++;
            }
        }

        return (found.Count == 0 ? 1 : (double)hits / found.Count, truth.Count == 0 ? 1 : (double)hits / truth.Count);
    }

    private static void PrintTable(List<string[]> rows)
    {
        string[] header =
        [
            "docs", "passages", "MB", "true pairs", "cluster P", "cluster R", "pair P", "pair R", "sig MB/s wall", "sig MB/s CPU", "detect s", "CPU s", "docs/s", "docs/CPU-s", "MB/s",
            "band B/psg", "sig B/psg", "shingle B/psg", "retained MB", "allocated MB", "peak WS MB",
        ];
        var widths = header.Select((h, i) => Math.Max(h.Length, rows.Max(r => r[i].Length))).ToArray();
        Console.WriteLine();
        Console.WriteLine("| " + string.Join(" | ", header.Select((h, i) => h.PadLeft(widths[i]))) + " |");
        Console.WriteLine("|" + string.Join("|", widths.Select(w => new string('-', w + 1) + ":")) + "|");
        foreach (var row in rows)
        {
            Console.WriteLine("| " + string.Join(" | ", row.Select((c, i) => c.PadLeft(widths[i]))) + " |");
        }
    }
}
