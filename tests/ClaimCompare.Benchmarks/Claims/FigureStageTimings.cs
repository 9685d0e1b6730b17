using System.Diagnostics;
using ClaimCompare.Core.Claims;
using ClaimCompare.Core.Claims.Figures;
using ClaimCompare.Core.Claims.Figures.Recognizers;
using ClaimCompare.Core.Text;

namespace ClaimCompare.Benchmarks.Claims;

/// <summary><c>figure-stages [iterations]</c>: time spent in each stage of figure extraction over the fixtures.</summary>
internal static class FigureStageTimings
{
    public static int Run(string[] args)
    {
        var iterations = args.Length > 0 ? int.Parse(args[0], System.Globalization.CultureInfo.InvariantCulture) : 200;
        var pipeline = new TextPipeline();
        var dir = Similarity.FixtureReport.FindFixtures();
        var docs = Directory.GetFiles(dir, "*.txt").Order(StringComparer.Ordinal)
            .Select(f => pipeline.Process(new SourceDocument(Path.GetFileName(f)[..3], File.ReadAllText(f)))).ToArray();
        var names = new[] { "tokenize", "numeral", "fraction", "scientific", "resolve-numbers", "nonfigure", "datetime", "range", "quantity", "ordinal", "resolve", "interpret" };
        var ticks = new long[names.Length];
        var figures = new List<Figure>();
        for (var it = 0; it < iterations; it++)
        {
            foreach (var d in docs)
            {
                foreach (var p in d.Passages)
                {
                    var t0 = Stopwatch.GetTimestamp();
                    var scan = FigureScan.Rent(d.OriginalText, p.Start, p.End, p.Index);
                    var t = Stopwatch.GetTimestamp(); ticks[0] += t - t0; t0 = t;
                    NumeralRecognizer.Propose(scan); t = Stopwatch.GetTimestamp(); ticks[1] += t - t0; t0 = t;
                    FractionRecognizer.Propose(scan); t = Stopwatch.GetTimestamp(); ticks[2] += t - t0; t0 = t;
                    ScientificNotationRecognizer.Propose(scan); t = Stopwatch.GetTimestamp(); ticks[3] += t - t0; t0 = t;
                    CandidateResolver.ResolveNumbers(scan); t = Stopwatch.GetTimestamp(); ticks[4] += t - t0; t0 = t;
                    NonFigureRecognizer.Propose(scan); t = Stopwatch.GetTimestamp(); ticks[5] += t - t0; t0 = t;
                    DateTimeRecognizer.Propose(scan); t = Stopwatch.GetTimestamp(); ticks[6] += t - t0; t0 = t;
                    RangeRecognizer.Propose(scan); t = Stopwatch.GetTimestamp(); ticks[7] += t - t0; t0 = t;
                    QuantityRecognizer.Propose(scan); t = Stopwatch.GetTimestamp(); ticks[8] += t - t0; t0 = t;
                    OrdinalRecognizer.Propose(scan); t = Stopwatch.GetTimestamp(); ticks[9] += t - t0; t0 = t;
                    CandidateResolver.ResolveFigures(scan); t = Stopwatch.GetTimestamp(); ticks[10] += t - t0; t0 = t;
                    figures.Clear();
                    FigureInterpreter.Emit(scan, figures); t = Stopwatch.GetTimestamp(); ticks[11] += t - t0;
                    scan.Return();
                }
            }
        }

        var total = ticks.Sum();
        for (var k = 0; k < names.Length; k++)
        {
            Console.WriteLine($"{names[k],-16} {ticks[k] * 1000.0 / Stopwatch.Frequency / iterations,8:0.000} ms/iteration  {100.0 * ticks[k] / total,5:0.0}%");
        }

        return 0;
    }
}
