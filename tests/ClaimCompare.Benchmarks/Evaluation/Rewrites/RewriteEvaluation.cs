using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using ClaimCompare.Core.Similarity;

namespace ClaimCompare.Benchmarks.Evaluation.Rewrites;

/// <summary>
/// <c>eval rewrites [--set dev|heldout|all] [--threshold t] [--baseline CLI] [--misses]</c>: precision and recall of
/// rewrite links on the labelled pairs at the default threshold, the whole curve, the MSRP grouping rates
/// (paraphrases and non-paraphrases grouped, as the issue measured the embedding model) and, with
/// <c>--baseline</c>, the same figures for another build's <c>claimcompare dedup</c> run on every pair.
/// </summary>
internal static class RewriteEvaluation
{
    public static int Run(string[] args)
    {
        if (args.Length == 3 && args[0] == "probe")
        {
            var probe = RewritePairs.Score([new LabelledPair(0, "dev", 0, "probe", null, args[1], args[2])])[0];
            Console.WriteLine($"copy {probe.CopyKind}, candidate {probe.Candidate}, p {probe.Probability:F3}");
            for (var f = 0; f < RewriteFeatures.Count; f++)
            {
                Console.WriteLine($"  {RewriteFeatures.Names[f],-22} {probe.Features[f]:0.###}");
            }

            Span<float> direct = stackalloc float[RewriteFeatures.Count];
            RewriteFeatures.Compute(RewriteSentence.Read(args[1]), RewriteSentence.Read(args[2]), 0.5, 0.5, 0.5, _ => false, direct);
            Console.WriteLine($"direct figures: agree {direct[8]} differ {direct[9]} unpaired {direct[10]}");
            foreach (var text in args[1..])
            {
                var reading = RewriteSentence.Read(text);
                Console.WriteLine($"{text}\n  figures: {string.Join(", ", reading.Figures.Select(x => $"{x.Value}/{x.Unit}"))}; negations {reading.NegationCount}; words: {string.Join(' ', reading.Words.Select(w => $"{text.Substring(0, 0)}#{w.Position}{(w.IsName ? "N" : "")}{(w.Direction != 0 ? (w.Direction > 0 ? "+" : "-") : "")}:{w.Weight:0.##}"))}");
            }

            return 0;
        }

        if (args.Length == 0 || args[0] != "rewrites")
        {
            Console.Error.WriteLine("usage: eval rewrites [--set dev|heldout|all] [--threshold t] [--baseline PATH-TO-ClaimCompare.Core.dll] [--misses] [--vetoes MASK (0: the model alone)] [--rewrite-bands N]");
            return 1;
        }

        var set = "heldout";
        double? threshold = null;
        string? baseline = null;
        var misses = false;
        RewriteVetoes? vetoes = null;
        int? bands = null;
        for (var i = 1; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--set": set = args[++i]; break;
                case "--threshold": threshold = double.Parse(args[++i], CultureInfo.InvariantCulture); break;
                case "--baseline": baseline = args[++i]; break;
                case "--misses": misses = true; break;
                case "--vetoes": vetoes = (RewriteVetoes)int.Parse(args[++i], CultureInfo.InvariantCulture); break;
                case "--rewrite-bands": bands = int.Parse(args[++i], CultureInfo.InvariantCulture); break;
                default: Console.Error.WriteLine($"eval: unknown option {args[i]}"); return 1;
            }
        }

        if (set is not ("dev" or "heldout" or "all"))
        {
            Console.Error.WriteLine("eval: --set must be dev, heldout or all");
            return 1;
        }

        var pairs = RewritePairs.Load(set);
        var options = DedupOptions.Default;
        options = vetoes is { } v ? options with { RewriteVetoes = v } : options;
        options = bands is { } b ? options with { RewriteMaxBands = b } : options;
        var scored = RewritePairs.Score(pairs, options);
        var t = threshold ?? RewriteModel.Instance.DefaultThreshold;
        Console.WriteLine($"set {set}: {pairs.Count} pairs, {pairs.Count(p => p.Label == 1)} rewrites; default threshold {RewriteModel.Instance.DefaultThreshold:F2}{(threshold is null ? string.Empty : $", evaluated at {t:F2}")}");
        Console.WriteLine();
        Report("this build", scored.Select(s => (s.Pair, Kind(s, t))).ToList());
        var unpaired = scored.Where(s => s.RuleCandidate && !s.Candidate && s.CopyKind is null).ToList();
        Console.WriteLine($"  candidate stage: {unpaired.Count} pairs pass the candidate rules but the rewrite index ({options.RewriteMaxBands} bands at most) does not pair them; {unpaired.Count(s => s.Pair.Label == 1)} of them true rewrites");

        Console.WriteLine();
        Console.WriteLine("curve (copies always link; rewrite candidates link when p >= t; rewrite precision over rewrite links, recall over all rewrites):");
        Console.WriteLine("    t  rewrite-P  recall     F1  rewrite-links  all-links-P  msrp-para  msrp-non");
        for (var x = 0.05; x < 0.999; x += 0.05)
        {
            var m = Metrics(scored.Select(s => (s.Pair, Kind(s, x))).ToList());
            Console.WriteLine($"{x,5:F2}  {m.RewritePrecision,9:F3}  {m.Recall,6:F3}  {m.F1,5:F3}  {m.RewriteLinks,13}  {m.Precision,11:F3}  {m.Paraphrases,9:P1}  {m.NonParaphrases,8:P1}");
        }

        if (baseline is not null)
        {
            Console.WriteLine();
            var links = RunBaseline(baseline, pairs);
            Report($"baseline ({baseline})", pairs.Select((p, i) => (p, links[i])).ToList());
        }

        if (misses)
        {
            Console.WriteLine();
            foreach (var s in scored.Where(s => s.Links(t) != (s.Pair.Label == 1)).OrderBy(s => s.Pair.Category, StringComparer.Ordinal))
            {
                Console.WriteLine($"{(s.Pair.Label == 1 ? "MISSED" : "WRONG ")} #{s.Pair.Id} {s.Pair.Category} p={s.Probability:F2} cand={s.Candidate}\n   A: {s.Pair.A}\n   B: {s.Pair.B}");
            }
        }

        return 0;
    }

    private static int[] RunBaselineAssembly(string path, List<LabelledPair> pairs)
    {
        var folder = Path.GetDirectoryName(Path.GetFullPath(path))!;
        var context = new System.Runtime.Loader.AssemblyLoadContext("baseline", isCollectible: false);
        context.Resolving += (c, name) =>
        {
            var local = Path.Combine(folder, name.Name + ".dll");
            return File.Exists(local) ? c.LoadFromAssemblyPath(local) : null;
        };
        var core = context.LoadFromAssemblyPath(Path.GetFullPath(path));
        var pipelineType = core.GetType("ClaimCompare.Core.Text.TextPipeline", throwOnError: true)!;
        var sourceType = core.GetType("ClaimCompare.Core.Text.SourceDocument", throwOnError: true)!;
        var processedType = core.GetType("ClaimCompare.Core.Text.ProcessedDocument", throwOnError: true)!;
        var detectorType = core.GetType("ClaimCompare.Core.Similarity.NearDuplicateDetector", throwOnError: true)!;
        var pipeline = Activator.CreateInstance(pipelineType)!;
        var process = pipelineType.GetMethod("Process", [sourceType])!;
        var detector = Activator.CreateInstance(detectorType, [1])!;
        var detect = detectorType.GetMethod("Detect")!;
        var links = new int[pairs.Count];
        for (var i = 0; i < pairs.Count; i++)
        {
            var documents = Array.CreateInstance(processedType, 2);
            documents.SetValue(process.Invoke(pipeline, [Activator.CreateInstance(sourceType, ["a", pairs[i].A])]), 0);
            documents.SetValue(process.Invoke(pipeline, [Activator.CreateInstance(sourceType, ["b", pairs[i].B])]), 1);
            var result = detect.Invoke(detector, [documents, null])!;
            var found = (System.Collections.IEnumerable)result.GetType().GetProperty("Pairs")!.GetValue(result)!;
            var kind = 0;
            foreach (var pair in found)
            {
                var name = pair.GetType().GetProperty("Kind")!.GetValue(pair)!.ToString();
                kind = Math.Max(kind, name == "Rewrite" ? 2 : 1);
            }

            links[i] = kind;
        }

        return links;
    }

    /// <summary>0 not linked, 1 linked as a copy, 2 linked as a rewrite.</summary>
    private static int Kind(RewritePairs.Scored s, double t) => s.CopyKind is not null ? 1 : s.Links(t) ? 2 : 0;

    private static void Report(string name, List<(LabelledPair Pair, int Kind)> results)
    {
        var m = Metrics(results);
        Console.WriteLine($"{name}: rewrite precision {m.RewritePrecision:F3} ({m.RewriteLinks} rewrite links), recall {m.Recall:F3}; all links: precision {m.Precision:F3}, F1 {m.F1:F3} ({m.Links} links)");
        Console.WriteLine($"  MSRP pairs: paraphrases grouped {m.Paraphrases:P1}, non-paraphrases grouped {m.NonParaphrases:P1} (all-MiniLM-L6-v2 at cosine 0.75 on the standard test: 77.2% / 43.3%)");
        foreach (var group in results.GroupBy(x => x.Pair.Category).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            var linked = group.Count(x => x.Kind > 0);
            var copies = group.Count(x => x.Kind == 1);
            Console.WriteLine($"  {group.Key,-15} label {group.First().Pair.Label}: {linked,3} of {group.Count(),3} linked ({(double)linked / group.Count(),4:P0}; {copies} as copies)");
        }
    }

    private sealed record Figures(double Precision, double Recall, double F1, int Links, double Paraphrases, double NonParaphrases, double RewritePrecision, int RewriteLinks);

    private static Figures Metrics(List<(LabelledPair Pair, int Kind)> results)
    {
        int tp = 0, fp = 0, fn = 0, para = 0, paraLinked = 0, non = 0, nonLinked = 0, rtp = 0, rfp = 0;
        foreach (var (pair, kind) in results)
        {
            var links = kind > 0;
            rtp += kind == 2 && pair.Label == 1 ? 1 : 0;
            rfp += kind == 2 && pair.Label == 0 ? 1 : 0;
            tp += links && pair.Label == 1 ? 1 : 0;
            fp += links && pair.Label == 0 ? 1 : 0;
            fn += !links && pair.Label == 1 ? 1 : 0;
            if (pair.Msrp == 1)
            {
                para++;
                paraLinked += links ? 1 : 0;
            }
            else if (pair.Msrp == 0)
            {
                non++;
                nonLinked += links ? 1 : 0;
            }
        }

        var precision = tp + fp == 0 ? 1 : (double)tp / (tp + fp);
        var recall = tp + fn == 0 ? 0 : (double)tp / (tp + fn);
        var f1 = precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall);
        return new Figures(precision, recall, f1, tp + fp, para == 0 ? 0 : (double)paraLinked / para, non == 0 ? 0 : (double)nonLinked / non,
            rtp + rfp == 0 ? 1 : (double)rtp / (rtp + rfp), rtp + rfp);
    }

    /// <summary>
    /// Another build's decision on each pair: with a path to its <c>ClaimCompare.Core.dll</c>, its
    /// <c>NearDuplicateDetector</c> on two one-sentence documents (loaded in a load context of its own, default options,
    /// as its CLI runs it); with a path to its <c>claimcompare</c>, one <c>dedup</c> process per pair (slow).
    /// </summary>
    private static int[] RunBaseline(string cli, List<LabelledPair> pairs)
    {
        if (cli.EndsWith(".dll", StringComparison.OrdinalIgnoreCase))
        {
            return RunBaselineAssembly(cli, pairs);
        }

        var root = Path.Combine(Path.GetTempPath(), "claimcompare-rewrite-eval-" + Environment.ProcessId.ToString(CultureInfo.InvariantCulture));
        var links = new int[pairs.Count];
        try
        {
            Parallel.For(0, pairs.Count, new ParallelOptions { MaxDegreeOfParallelism = 2 }, i =>
            {
                var dir = Path.Combine(root, pairs[i].Id.ToString(CultureInfo.InvariantCulture));
                Directory.CreateDirectory(dir);
                File.WriteAllText(Path.Combine(dir, "a.txt"), pairs[i].A + "\n");
                File.WriteAllText(Path.Combine(dir, "b.txt"), pairs[i].B + "\n");
                var start = new ProcessStartInfo(cli) { RedirectStandardOutput = true, RedirectStandardError = true };
                foreach (var arg in new[] { "dedup", Path.Combine(dir, "a.txt"), Path.Combine(dir, "b.txt"), "--format", "json" })
                {
                    start.ArgumentList.Add(arg);
                }

                using var process = Process.Start(start)!;
                var json = process.StandardOutput.ReadToEnd();
                process.StandardError.ReadToEnd();
                process.WaitForExit();
                using var doc = JsonDocument.Parse(json);
                var found = doc.RootElement.GetProperty("pairs");
                links[i] = found.GetArrayLength() == 0 ? 0 : found.EnumerateArray().Any(p => p.GetProperty("kind").GetString() == "rewrite") ? 2 : 1;
            });
        }
        finally
        {
            if (Directory.Exists(root))
            {
                Directory.Delete(root, recursive: true);
            }
        }

        return links;
    }
}
