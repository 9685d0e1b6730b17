using System.Diagnostics;
using System.Globalization;

namespace ClaimCompare.Benchmarks.Similarity;

/// <summary><c>quick-signatures</c>: a few seconds of Stopwatch timing of <see cref="SignatureBenchmarks"/>, for iterating without BenchmarkDotNet.</summary>
internal static class QuickTiming
{
    public static int Run()
    {
        var bench = new SignatureBenchmarks();
        bench.Setup();
        foreach (var (name, action) in new (string, Action)[] { ("shingle", () => bench.Shingle()), ("minhash", () => bench.MinHash()), ("both", () => bench.ShingleAndMinHash()) })
        {
            for (var i = 0; i < 20; i++)
            {
                action();
            }

            var clock = Stopwatch.StartNew();
            var rounds = 0;
            while (clock.ElapsedMilliseconds < 1500)
            {
                action();
                rounds++;
            }

            var seconds = clock.Elapsed.TotalSeconds / rounds;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{name,-8} {seconds * 1e3:F2} ms per 1000 passages, {bench.Bytes / 1e6 / seconds:F1} MB/s"));
        }

        return 0;
    }
}
