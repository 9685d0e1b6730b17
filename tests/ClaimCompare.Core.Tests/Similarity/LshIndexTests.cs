using ClaimCompare.Core.Similarity;
using ClaimCompare.Core.Tests.Similarity.Support;

namespace ClaimCompare.Core.Tests.Similarity;

public class LshIndexTests
{
    private static readonly SignatureScheme Scheme = SignatureScheme.Default;
    private static readonly MinHasher Hasher = new(Scheme);

    private static MinHashSignature Sign(ulong[] hashes)
    {
        var values = new uint[Scheme.Permutations];
        Hasher.ComputeSignature(hashes, values);
        return new MinHashSignature(Scheme, values, hashes.Length == 0);
    }

    [Fact]
    public void Optimal_banding_puts_the_s_curve_near_the_threshold_and_leans_to_recall()
    {
        foreach (var threshold in new[] { 0.3, 0.5, 0.8 })
        {
            var p = LshParameters.Optimal(threshold, 128);
            Assert.True(p.Bands * p.Rows <= 128);
            Assert.True(p.CandidateProbability(threshold) >= 0.5, $"{p} at {threshold}");
            Assert.True(p.CandidateProbability(Math.Min(0.99, threshold + 0.15)) > 0.9, $"{p} at {threshold}");
            Assert.True(p.CandidateProbability(threshold / 3) < 0.2, $"{p} at {threshold}");
        }

        Assert.True(LshParameters.Optimal(0.5, 128, maxBands: 16).Bands <= 16);
    }

    [Fact]
    public void Pairs_above_the_threshold_are_found_at_the_rate_the_s_curve_promises()
    {
        // As the detector does: the index targets a lower threshold than the verifier, for recall.
        var parameters = LshParameters.Optimal(0.35, 128, maxBands: 16);
        var index = new LshIndex(Scheme, parameters);
        var random = new SplitMix64(7);
        var pairs = new List<(MinHashSignature A, double J)>();
        var expected = 0.0;
        var variance = 0.0;
        for (var i = 0; i < 400; i++)
        {
            var shared = 30 + random.NextInt(30);
            var (a, b) = RandomSets.Pair(ref random, shared, random.NextInt(shared / 2), random.NextInt(shared / 2));
            var j = RandomSets.ExactJaccard(a, b);
            index.Insert(i, Sign(b));
            pairs.Add((Sign(a), j));
            expected += parameters.CandidateProbability(j);
            variance += parameters.CandidateProbability(j) * (1 - parameters.CandidateProbability(j));
        }

        var found = 0;
        for (var i = 0; i < pairs.Count; i++)
        {
            Assert.True(pairs[i].J >= 0.5);
            if (index.Query(pairs[i].A).Contains(i))
            {
                found++;
            }
        }

        Assert.True(found >= expected - (4 * Math.Sqrt(variance)), $"recall {found}/{pairs.Count}, expected {expected:F0}");
        Assert.True(found >= 0.95 * pairs.Count, $"recall {found}/{pairs.Count}");
    }

    [Fact]
    public void Unrelated_sets_rarely_collide()
    {
        var index = new LshIndex(Scheme, LshParameters.Optimal(0.5, 128, maxBands: 16));
        var random = new SplitMix64(8);
        for (var i = 0; i < 300; i++)
        {
            var (a, _) = RandomSets.Pair(ref random, 0, 40, 0);
            index.Insert(i, Sign(a));
        }

        var (query, _) = RandomSets.Pair(ref random, 0, 40, 0);
        Assert.Empty(index.Query(Sign(query)));
    }

    [Fact]
    public void Insert_query_delete_and_reinsert()
    {
        var index = new LshIndex(Scheme, new LshParameters(16, 8));
        var random = new SplitMix64(9);
        var (a, _) = RandomSets.Pair(ref random, 0, 30, 0);
        var (other, _) = RandomSets.Pair(ref random, 0, 30, 0);
        var sa = Sign(a);
        index.Insert(3, sa);
        index.Insert(10, sa);
        index.Insert(200, Sign(other));
        Assert.Equal([3, 10], index.Query(sa));
        Assert.Equal(3, index.Count);

        Assert.Throws<ArgumentException>(() => index.Insert(3, sa));
        Assert.True(index.Delete(3));
        Assert.False(index.Delete(3));
        Assert.Equal([10], index.Query(sa));

        // The id comes back with a different signature: its old entries must not match any more.
        index.Insert(3, Sign(other));
        Assert.Equal([10], index.Query(sa));
        Assert.Equal([3, 200], index.Query(Sign(other)));
        Assert.Equal(3, index.Count);
    }

    [Fact]
    public void Many_single_inserts_merge_into_few_runs_and_stay_queryable()
    {
        var index = new LshIndex(Scheme, new LshParameters(16, 8));
        var random = new SplitMix64(10);
        var signatures = new List<MinHashSignature>();
        for (var i = 0; i < 500; i++)
        {
            var (a, _) = RandomSets.Pair(ref random, 0, 20, 0);
            signatures.Add(Sign(a));
            index.Insert(i, signatures[^1]);
        }

        for (var i = 0; i < 500; i += 37)
        {
            Assert.Contains(i, index.Query(signatures[i]));
        }

        Assert.InRange(index.BandTableBytes - (500L * 16 * 8), 0, 128);
    }

    [Fact]
    public void Band_tables_cost_eight_bytes_per_band_per_passage()
    {
        var index = new LshIndex(Scheme, new LshParameters(16, 8));
        var random = new SplitMix64(11);
        var ids = Enumerable.Range(0, 1000).ToArray();
        var signatures = ids.Select(_ => Sign(RandomSets.Pair(ref random, 0, 20, 0).A)).ToArray();
        index.InsertRange(ids, signatures);
        Assert.InRange(index.BandTableBytes / 1000.0, 128, 130);
    }

    [Fact]
    public void Signatures_of_another_scheme_are_refused()
    {
        var index = new LshIndex(Scheme, new LshParameters(16, 8));
        var otherScheme = new SignatureScheme { Seed = 99 };
        var other = new MinHasher(otherScheme).ComputeSignature(new Shingler().Shingle("one two three four"));
        Assert.Throws<SchemeMismatchException>(() => index.Insert(1, other));
        Assert.Throws<SchemeMismatchException>(() => index.Query(other));
    }

    [Fact]
    public async Task Readers_can_query_while_a_writer_inserts_and_deletes()
    {
        var index = new LshIndex(Scheme, new LshParameters(16, 8));
        var random = new SplitMix64(12);
        var stable = Sign(RandomSets.Pair(ref random, 0, 25, 0).A);
        index.Insert(0, stable);
        var others = Enumerable.Range(0, 400).Select(_ => Sign(RandomSets.Pair(ref random, 0, 25, 0).A)).ToArray();
        using var stop = new CancellationTokenSource();
        var readers = Enumerable.Range(0, 3).Select(_ => Task.Run(() =>
        {
            var results = new List<int>();
            var queries = 0;
            while (!stop.IsCancellationRequested || queries < 100)
            {
                index.Query(stable, results);
                Assert.Contains(0, results);
                queries++;
            }
        })).ToArray();

        for (var i = 0; i < others.Length; i++)
        {
            index.Insert(i + 1, others[i]);
            if (i % 3 == 0)
            {
                index.Delete(i + 1);
            }
        }

        stop.Cancel();
        await Task.WhenAll(readers);
        Assert.Equal(1 + others.Length - ((others.Length + 2) / 3), index.Count);
    }
}

public class LshIndexPersistenceTests
{
    [Fact]
    public void A_saved_index_loads_with_the_same_answers_and_keeps_working()
    {
        var scheme = SignatureScheme.Default;
        var hasher = new MinHasher(scheme);
        var shingler = new Shingler();
        var texts = new[]
        {
            "NATO allies urged Russia to immediately defuse the situation in Ukraine.",
            "NATO allies urged Russia to immediately defuse the situation in Ukraine today.",
            "Sherman said the United States was ready to continue talks with the Russians.",
        };
        var signatures = texts.Select(t => hasher.ComputeSignature(shingler.Shingle(t))).ToArray();
        var index = new LshIndex(scheme, new LshParameters(12, 2));
        index.InsertRange([0, 1, 2], signatures);
        index.Delete(2);

        using var stream = new MemoryStream();
        index.Save(stream);
        stream.Position = 0;
        var loaded = LshIndex.Load(stream, scheme);

        Assert.Equal(index.Parameters, loaded.Parameters);
        Assert.Equal(2, loaded.Count);
        Assert.Equal(index.Query(signatures[0]), loaded.Query(signatures[0]));
        Assert.Empty(loaded.Query(signatures[2]));
        loaded.Insert(2, signatures[2]);
        Assert.Equal([2], loaded.Query(signatures[2]));

        stream.Position = 0;
        Assert.Throws<SchemeMismatchException>(() => LshIndex.Load(stream, scheme with { NormalizerVersion = scheme.NormalizerVersion + 1 }));
        Assert.Throws<InvalidDataException>(() => LshIndex.Load(new MemoryStream([1, 2, 3])));
    }
}
