using ClaimCompare.Core.Similarity;
using ClaimCompare.Core.Tests.Similarity.Support;

namespace ClaimCompare.Core.Tests.Similarity;

public class MinHasherTests
{
    private const string Quote = "It was not an easy discussion, but that is exactly why this meeting was so important.";

    [Fact]
    public void A_signature_is_the_same_in_every_process()
    {
        // Computed once and pinned: a changed hash, seed, tokeniser or permutation family fails here.
        var signature = new MinHasher().ComputeSignature(new Shingler().Shingle(Quote));
        Assert.Equal(new uint[] { 676259081u, 77375305u, 397536698u, 14363154u, 363116802u }, signature.Values[..5].ToArray());
    }

    [Fact]
    public void Shingle_hashes_are_pinned_too()
    {
        Assert.Equal(11868969831197910277UL, Shingler.Hash("easy discussion but"));
    }

    [Fact]
    public void Permutation_coefficients_come_from_splitmix64_and_multipliers_are_odd()
    {
        var hasher = new MinHasher();
        for (var i = 0; i < 128; i++)
        {
            var generator = new SplitMix64(SimilarityDefaults.Seed + (ulong)i);
            Assert.Equal(generator.Next() | 1, hasher.Multiplier(i));
            Assert.Equal(generator.Next(), hasher.Addend(i));
            Assert.Equal(1UL, hasher.Multiplier(i) & 1);
        }
    }

    [Fact]
    public void The_vectorised_signature_equals_the_scalar_definition()
    {
        var random = new SplitMix64(42);
        foreach (var k in new[] { 1, 7, 64, 128, 200 })
        {
            var hasher = new MinHasher(new SignatureScheme { Permutations = k });
            var hashes = Enumerable.Range(0, 37).Select(_ => random.Next()).ToArray();
            var vector = new uint[k];
            var scalar = new uint[k];
            hasher.ComputeSignature(hashes, vector);
            hasher.ComputeSignatureScalar(hashes, scalar);
            Assert.Equal(scalar, vector);
            for (var i = 0; i < k; i++)
            {
                var expected = hashes.Min(x => unchecked((hasher.Multiplier(i) * x) + hasher.Addend(i)) >> 32);
                Assert.Equal((uint)expected, vector[i]);
            }
        }
    }

    [Fact]
    public void Estimates_stay_within_four_standard_errors_of_the_exact_jaccard()
    {
        var hasher = new MinHasher();
        const int K = 128;
        var random = new SplitMix64(20220112);
        for (var trial = 0; trial < 300; trial++)
        {
            var shared = random.NextInt(60);
            var (a, b) = RandomSets.Pair(ref random, shared, random.NextInt(60) + 1, random.NextInt(60));
            var exact = RandomSets.ExactJaccard(a, b);
            var sa = new uint[K];
            var sb = new uint[K];
            hasher.ComputeSignature(a, sa);
            hasher.ComputeSignature(b, sb);
            var estimate = sa.Zip(sb).Count(p => p.First == p.Second) / (double)K;
            var bound = 4 * Math.Sqrt(exact * (1 - exact) / K);
            Assert.True(Math.Abs(estimate - exact) <= bound + (1.0 / K), $"trial {trial}: J={exact:F3}, estimate {estimate:F3}, bound {bound:F3}");
        }
    }

    [Fact]
    public void Signatures_of_different_schemes_cannot_be_compared()
    {
        var text = new Shingler().Shingle(Quote);
        var a = new MinHasher().ComputeSignature(text);
        var b = new MinHasher(new SignatureScheme { Seed = 1 }).ComputeSignature(text);
        var c = new MinHasher(new SignatureScheme { Permutations = 64 }).ComputeSignature(text);
        var d = new MinHasher(new SignatureScheme { NormalizerVersion = 3, Shingles = ShingleOptions.Default })
            .ComputeSignature(new Shingler(ShingleOptions.Default, normalizerVersion: 3).Shingle(Quote));
        Assert.Throws<SchemeMismatchException>(() => a.EstimateJaccard(b));
        Assert.Throws<SchemeMismatchException>(() => a.EstimateJaccard(c));
        Assert.Throws<SchemeMismatchException>(() => a.EstimateJaccard(d));
        Assert.Equal(1.0, a.EstimateJaccard(new MinHasher().ComputeSignature(text)));
    }

    [Fact]
    public void Hashing_a_set_shingled_differently_from_the_scheme_throws()
    {
        var bigrams = new Shingler(new ShingleOptions { Size = 2 }).Shingle(Quote);
        Assert.Throws<SchemeMismatchException>(() => new MinHasher().ComputeSignature(bigrams));
    }

    [Fact]
    public void An_empty_set_has_an_empty_signature_that_matches_nothing()
    {
        var hasher = new MinHasher();
        var empty = hasher.ComputeSignature(new Shingler().Shingle("..."));
        Assert.True(empty.IsEmpty);
        Assert.All(empty.Values.ToArray(), v => Assert.Equal(uint.MaxValue, v));
        Assert.Equal(0, empty.EstimateJaccard(empty));
    }
}
