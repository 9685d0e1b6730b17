using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Engines;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;
using ClaimCompare.Core.Text;

namespace ClaimCompare.Benchmarks.Text;

/// <summary>
/// Throughput of the text pipeline over a 50 MB corpus of reshuffled fixture lines.
/// Run: <c>dotnet run -c Release --project tests/ClaimCompare.Benchmarks -- --filter '*TextPipeline*'</c>.
/// </summary>
/// <remarks>One operation processes the whole corpus, so "Allocated" is the allocation per corpus and the
/// MB/s column is corpus UTF-8 bytes divided by the median time of one operation (the median, because the
/// benchmark machine is shared and a few iterations are always disturbed).</remarks>
[MemoryDiagnoser]
[MinColumn]
[MedianColumn]
[Config(typeof(ThroughputConfig))]
[SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 2, iterationCount: 10)]
public class TextPipelineBenchmarks
{
    private readonly TextPipeline _pipeline = new();
    private IReadOnlyList<SourceDocument> _documents = [];

    [GlobalSetup]
    public void Setup()
    {
        _documents = NewsCorpus.Documents;
        Console.WriteLine($"// Corpus: {_documents.Count} documents, {NewsCorpus.Utf8Bytes / 1e6:F1} MB UTF-8, {NewsCorpus.Chars / 1e6:F1} M chars");
    }

    /// <summary>The full pipeline: normalise, remove boilerplate, split, map spans back, build passages.</summary>
    [Benchmark(Baseline = true)]
    public int Process()
    {
        var passages = 0;
        foreach (var document in _documents)
        {
            passages += _pipeline.Process(document).Passages.Count;
        }

        return passages;
    }

    /// <summary>Normalisation with the offset map alone, for comparison.</summary>
    [Benchmark]
    public int Normalize()
    {
        var length = 0;
        foreach (var document in _documents)
        {
            length += TextNormalizer.Normalize(document.Text).Text.Length;
        }

        return length;
    }

    private sealed class ThroughputConfig : ManualConfig
    {
        public ThroughputConfig() => AddColumn(new ThroughputColumn());
    }

    /// <summary>Corpus megabytes (UTF-8, 10^6 bytes) per second of median time.</summary>
    private sealed class ThroughputColumn : IColumn
    {
        public string Id => nameof(ThroughputColumn);

        public string ColumnName => "MB/s";

        public bool AlwaysShow => true;

        public ColumnCategory Category => ColumnCategory.Custom;

        public int PriorityInCategory => 0;

        public bool IsNumeric => true;

        public UnitType UnitType => UnitType.Dimensionless;

        public string Legend => "Corpus UTF-8 megabytes (10^6 bytes) processed per second, from the median time";

        public string GetValue(Summary summary, BenchmarkCase benchmarkCase)
        {
            var report = summary[benchmarkCase];
            var median = report?.ResultStatistics?.Median;
            return median is > 0 ? (NewsCorpus.Utf8Bytes / 1e6 / (median.Value / 1e9)).ToString("F1", System.Globalization.CultureInfo.InvariantCulture) : "-";
        }

        public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style) => GetValue(summary, benchmarkCase);

        public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;

        public bool IsAvailable(Summary summary) => true;
    }
}
