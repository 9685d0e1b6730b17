using BenchmarkDotNet.Running;
using ClaimCompare.Benchmarks.Comparison;
using ClaimCompare.Benchmarks.Similarity;

namespace ClaimCompare.Benchmarks;

internal static class Program
{
    private static async Task<int> Main(string[] args)
    {
        // Sub-commands that are not BenchmarkDotNet runs; anything else goes to the switcher.
        if (args.Length > 0 && args[0] == "service-load")
        {
            return await Service.ServiceLoadDriver.RunAsync(args[1..]);
        }

        if (args.Length > 0 && args[0] == "store-throughput")
        {
            return await Storage.StoreThroughput.RunAsync(args[1..]);
        }

        if (args.Length > 0 && args[0] == "service-fairness")
        {
            return await Service.ServiceFairnessDriver.RunAsync(args[1..]);
        }

        if (args.Length > 0 && args[0] == "split-corpus")
        {
            return Text.SplitCorpusWriter.Run(args[1..]);
        }

        if (args.Length > 0 && args[0] == "syndication")
        {
            return SyndicationEvaluation.Run(args[1..]);
        }

        if (args.Length > 0 && args[0] == "story")
        {
            return StoryEvaluation.Run(args[1..]);
        }

        if (args.Length > 0 && args[0] == "reprints")
        {
            return Scale.ScaleEvaluation.Reprints(args[1..]);
        }

        if (args.Length > 0 && args[0] == "bigdoc")
        {
            return Scale.ScaleEvaluation.BigDocuments(args[1..]);
        }

        if (args.Length > 0 && args[0] == "files")
        {
            return Scale.ScaleEvaluation.Files(args[1..]);
        }

        if (args.Length > 0 && args[0] == "dedup")
        {
            return Scale.ScaleEvaluation.Dedup(args[1..]);
        }

        if (args.Length > 0 && args[0] == "fixtures")
        {
            return FixtureReport.Run(args[1..]);
        }

        if (args.Length > 1 && args[0] == "eval" && args[1] == "stream")
        {
            return await Evaluation.StreamEvaluation.RunAsync(args[2..]);
        }

        if (args.Length > 1 && args[0] == "eval" && args[1] == "figures")
        {
            return Evaluation.FigureEvaluation.Run(args[2..]);
        }

        if (args.Length > 0 && args[0] == "figure-stages")
        {
            return Claims.FigureStageTimings.Run(args[1..]);
        }

        if (args.Length > 1 && args[0] == "eval" && Evaluation.TextEvaluation.Handles(args[1]))
        {
            return Evaluation.TextEvaluation.Run(args[1..]);
        }

        if (args.Length > 0 && args[0] == "html-extraction")
        {
            return Ingest.HtmlExtractionEvaluation.Run(args[1..]);
        }

        if (args.Length > 0 && args[0] == "jsonl-dump")
        {
            return Ingest.HtmlExtractionEvaluation.Dump(args[1..]);
        }

        if (args.Length > 0 && args[0] == "lexicon")
        {
            return Evaluation.Rewrites.LexiconBuilder.Run(args[1..]);
        }

        if (args.Length > 0 && args[0] == "train")
        {
            return Evaluation.Rewrites.RewriteTrainer.Run(args[1..]);
        }

        if (args.Length > 0 && args[0] == "eval")
        {
            return Evaluation.Rewrites.RewriteEvaluation.Run(args[1..]);
        }

        if (args.Length > 0 && args[0] == "quick-signatures")
        {
            return QuickTiming.Run();
        }

        BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
        return 0;
    }
}
