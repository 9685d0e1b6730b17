using System.CommandLine;
using ClaimCompare.Cli.Output;
using ClaimCompare.Core.Reporting;
using ClaimCompare.Core.Similarity;

namespace ClaimCompare.Cli.Commands;

/// <summary><c>claimcompare dedup</c>: near-duplicate passages across documents, with scores, diffs and overlap.</summary>
internal static class DedupCommand
{
    public static Command Create(CliContext context)
    {
        var inputs = CommonOptions.Inputs();
        var format = CommonOptions.Format(OutputFormat.Text, OutputFormat.Text, OutputFormat.Json);
        var maxBytes = CommonOptions.MaxBytes();
        var threshold = new Option<double>("--threshold", "-t")
        {
            Description = "Shingle Jaccard at and above which two passages are copies, in (0, 1].",
            DefaultValueFactory = _ => DedupOptions.Default.Threshold,
        };
        var shingleSize = new Option<int>("--shingle-size")
        {
            Description = $"Shingle length in words (or characters with --shingle-kind char), 1 to {ShingleOptions.MaxSize}.",
            DefaultValueFactory = _ => DedupOptions.Default.ShingleSize,
        };
        var shingleKind = new Option<string>("--shingle-kind")
        {
            Description = "word (word n-grams) or char (character n-grams).",
            DefaultValueFactory = _ => "word",
        };
        shingleKind.AcceptOnlyFromAmong("word", "char");
        var permutations = new Option<int>("--permutations", "-k")
        {
            Description = "MinHash permutations per signature.",
            DefaultValueFactory = _ => DedupOptions.Default.Permutations,
        };
        var noRewrites = new Option<bool>("--no-rewrites")
        {
            Description = "Only look for copies and light edits, not reworded rewrites.",
        };
        var rewriteThreshold = CommonOptions.RewriteThreshold();

        var command = new Command("dedup", "Group near-duplicate passages across documents: verbatim wire copy, light edits and reworded rewrites.")
        {
            inputs, format, maxBytes, threshold, shingleSize, shingleKind, permutations, noRewrites, rewriteThreshold,
        };
        command.SetAction(parse =>
        {
            DedupOptions options;
            try
            {
                options = DedupOptions.Default with
                {
                    Threshold = parse.GetValue(threshold),
                    ShingleSize = parse.GetValue(shingleSize),
                    ShingleKind = parse.GetValue(shingleKind) == "char" ? ShingleKind.Character : ShingleKind.Word,
                    Permutations = parse.GetValue(permutations),
                    DetectRewrites = !parse.GetValue(noRewrites),
                    RewriteThreshold = parse.GetValue(rewriteThreshold),
                };
                options.Validate();
            }
            catch (ArgumentException ex)
            {
                context.Log.Error("invalid option: {Message}", ex.Message.Split(Environment.NewLine)[0]);
                return ExitCodes.UsageError;
            }

            if (options.DetectRewrites)
            {
                // Reading the input leaves a core idle: load the rewrite model there. A load failure surfaces again,
                // as an error, at the first rewrite decision.
                _ = Task.Run(PassageVerifier.LoadRewriteModel);
            }

            using var progress = Progress.Start(context, "dedup", "documents");
            return context.RunWithProcessedInputs(parse, inputs, maxBytes, processed =>
            {
                progress.Stage($"near-duplicates among {processed.Count:N0} documents (signatures, candidates, verification)");
                var detector = new NearDuplicateDetector
                {
                    StageTimer = (stage, elapsed) => context.Log.Debug("Dedup stage {Stage}: {Milliseconds} ms", stage, (long)elapsed.TotalMilliseconds),
                };
                var result = detector.Detect(processed, options);
                progress.Dispose();
                context.Log.Debug(
                    "Dedup: {Passages} passages, {Pairs} verified pairs, {Clusters} clusters; band tables {BandBytes} bytes, signatures {SignatureBytes} bytes",
                    result.Statistics.Passages, result.Pairs.Count, result.Clusters.Count, result.Statistics.BandTableBytes, result.Statistics.SignatureBytes);
                if (parse.GetValue(format) == OutputFormat.Json)
                {
                    var written = System.Diagnostics.Stopwatch.StartNew();
                    JsonReportRenderer.WriteDedup(result, context.Out.Utf8);
                    context.Log.Debug("Dedup: JSON written in {Milliseconds} ms", written.ElapsedMilliseconds);
                    return;
                }

                var labels = new Dictionary<string, string>(processed.Count, StringComparer.Ordinal);
                foreach (var document in processed)
                {
                    labels[document.Id] = ReportSource.Name(document.Id, document.Outlet, document.Date);
                }

                context.Out.WriteLine($"{processed.Count} documents, {result.Statistics.Passages} passages, {result.Clusters.Count} clusters of near-duplicates ({result.Pairs.Count} copies paired with their cluster's representative).");
                new TextReportRenderer(context.UseColor).RenderNearDuplicates(result.Clusters, result.Overlap, labels, context.Out);
                foreach (var boilerplate in result.Boilerplate)
                {
                    context.Out.WriteLine($"  boilerplate of {boilerplate.Outlet} (in {boilerplate.Documents} documents): {boilerplate.Text}");
                }
            }, progress);
        });
        return command;
    }
}
