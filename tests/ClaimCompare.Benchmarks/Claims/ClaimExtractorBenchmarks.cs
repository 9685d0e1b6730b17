using BenchmarkDotNet.Attributes;
using ClaimCompare.Core.Claims;
using ClaimCompare.Core.Text;

namespace ClaimCompare.Benchmarks.Claims;

/// <summary>Claim extraction over the russia-nato-2022 fixtures (five articles, about 21 KB), already through the
/// text pipeline so that only extraction is measured.</summary>
[MemoryDiagnoser]
public class ClaimExtractorBenchmarks
{
    private ProcessedDocument[] _documents = [];

    [GlobalSetup]
    public void Setup()
    {
        var pipeline = new TextPipeline();
        var dir = FindFixtures();
        var files = Directory.GetFiles(dir, "*.txt");
        Array.Sort(files, StringComparer.Ordinal);
        _documents = new ProcessedDocument[files.Length];
        for (var i = 0; i < files.Length; i++)
        {
            _documents[i] = pipeline.Process(new SourceDocument(Path.GetFileName(files[i])[..3], File.ReadAllText(files[i])));
        }
    }

    [Benchmark(Baseline = true, Description = "ClaimExtractor.Extract x5")]
    public int ExtractAllDocuments()
    {
        var n = 0;
        foreach (var d in _documents)
        {
            var c = ClaimExtractor.Extract(d);
            n += c.Figures.Count + c.Quotes.Count + c.People.Count;
        }

        return n;
    }

    [Benchmark(Description = "ClaimExtractor.ExtractAll (with PersonRegistry)")]
    public int ExtractAllWithRegistry() => ClaimExtractor.ExtractAll(_documents).Count;

    [Benchmark(Description = "FigureExtractor x5")]
    public int Figures()
    {
        var n = 0;
        foreach (var d in _documents)
        {
            n += FigureExtractor.Extract(d).Count;
        }

        return n;
    }

    [Benchmark(Description = "PersonRoleExtractor x5")]
    public int People()
    {
        var n = 0;
        foreach (var d in _documents)
        {
            n += PersonRoleExtractor.Extract(d).Count;
        }

        return n;
    }

    [Benchmark(Description = "QuoteExtractor x5 (people included)")]
    public int Quotes()
    {
        var n = 0;
        foreach (var d in _documents)
        {
            n += QuoteExtractor.Extract(d).Count;
        }

        return n;
    }

    private static string FindFixtures()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null)
        {
            var candidate = Path.Combine(dir.FullName, "fixtures", "russia-nato-2022");
            if (Directory.Exists(candidate))
            {
                return candidate;
            }

            dir = dir.Parent;
        }

        throw new DirectoryNotFoundException("fixtures/russia-nato-2022 not found above " + AppContext.BaseDirectory);
    }
}
