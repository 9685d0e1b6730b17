using BenchmarkDotNet.Attributes;
using ClaimCompare.Core.Similarity;

namespace ClaimCompare.Benchmarks.Similarity;

/// <summary>Shingler and MinHasher (k = 128) over 1,000 generated passages (about 160 KB of text).</summary>
[MemoryDiagnoser]
[ShortRunJob]
public class SignatureBenchmarks
{
    private readonly Shingler _shingler = new(ShingleOptions.Default);
    private readonly MinHasher _hasher = new(SignatureScheme.Default);
    private readonly uint[] _values = new uint[128];
    private string[] _texts = [];
    private ShingleSet[] _sets = [];

    /// <summary>UTF-8 bytes of all passages, to turn the mean time into MB/s.</summary>
    public long Bytes { get; private set; }

    [GlobalSetup]
    public void Setup()
    {
        var corpus = SyndicationCorpus.Generate(80, FixtureReport.FindFixtures());
        _texts = corpus.Documents.SelectMany(d => d.Passages).Select(p => p.Normalized).Take(1000).ToArray();
        _sets = _texts.Select(t => _shingler.Shingle(t)).ToArray();
        Bytes = _texts.Sum(t => (long)System.Text.Encoding.UTF8.GetByteCount(t));
    }

    [Benchmark]
    public int Shingle()
    {
        var n = 0;
        foreach (var text in _texts)
        {
            n += _shingler.Shingle(text).Count;
        }

        return n;
    }

    [Benchmark]
    public uint MinHash()
    {
        uint x = 0;
        foreach (var set in _sets)
        {
            _hasher.ComputeSignature(set.Hashes, _values);
            x ^= _values[0];
        }

        return x;
    }

    [Benchmark(Baseline = true)]
    public uint ShingleAndMinHash()
    {
        uint x = 0;
        foreach (var text in _texts)
        {
            _hasher.ComputeSignature(_shingler.Shingle(text).Hashes, _values);
            x ^= _values[0];
        }

        return x;
    }
}
