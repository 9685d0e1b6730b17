using System.Runtime.CompilerServices;

namespace ClaimCompare.Core.Similarity;

/// <summary>The banding of an LSH index: <see cref="Bands"/> bands of <see cref="Rows"/> signature values each.</summary>
/// <param name="Bands">Number of bands b.</param>
/// <param name="Rows">Rows per band r; b × r ≤ k.</param>
/// <remarks>
/// Two sets of Jaccard similarity s become candidates with probability <c>1 - (1 - s^r)^b</c>, an S-curve
/// whose steep part sits near <c>(1/b)^(1/r)</c>.
/// </remarks>
public readonly record struct LshParameters(int Bands, int Rows)
{
    /// <summary>Probability that two sets of Jaccard similarity <paramref name="similarity"/> become candidates.</summary>
    public double CandidateProbability(double similarity) => 1 - Math.Pow(1 - Math.Pow(similarity, Rows), Bands);

    /// <summary>
    /// Chooses b and r for k permutations by minimising
    /// <c>wFP · ∫₀ᵗ P(s) ds + wFN · ∫ₜ¹ (1 − P(s)) ds</c> over all b × r ≤ k, as datasketch's <c>_optimal_param</c>
    /// does, with an optional cap on the number of bands (which bounds the index's memory).
    /// </summary>
    /// <param name="threshold">Target Jaccard threshold t, in (0, 1).</param>
    /// <param name="permutations">k, at least 1.</param>
    /// <param name="falsePositiveWeight">Weight of the false-positive area, ≥ 0.</param>
    /// <param name="falseNegativeWeight">Weight of the false-negative area, ≥ 0; a larger weight favours recall.</param>
    /// <param name="maxBands">The most bands allowed, at least 1.</param>
    /// <param name="minRows">The fewest rows per band, at least 1: more rows make chance collisions of unrelated sets rarer.</param>
    /// <remarks>
    /// Weighting towards recall (the detector's default is 0.3 / 0.7) moves the S-curve left of the threshold:
    /// every candidate is verified exactly afterwards, so a false positive costs one merge of two short sorted
    /// arrays, while a false negative is a copy never reported.
    /// </remarks>
    /// <exception cref="ArgumentOutOfRangeException">An argument is outside its range.</exception>
    public static LshParameters Optimal(double threshold, int permutations, double falsePositiveWeight = 0.3, double falseNegativeWeight = 0.7, int maxBands = int.MaxValue, int minRows = 1)
    {
        if (!(threshold > 0 && threshold < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(threshold), threshold, "The threshold must be in (0, 1).");
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(permutations, 1);
        ArgumentOutOfRangeException.ThrowIfNegative(falsePositiveWeight);
        ArgumentOutOfRangeException.ThrowIfNegative(falseNegativeWeight);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxBands, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(minRows, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(minRows, permutations);

        var best = new LshParameters(1, permutations);
        var bestError = double.MaxValue;
        for (var b = 1; b <= Math.Min(permutations, maxBands); b++)
        {
            for (var r = minRows; r <= permutations / b; r++)
            {
                var p = new LshParameters(b, r);
                var fp = Integrate(s => p.CandidateProbability(s), 0, threshold);
                var fn = Integrate(s => 1 - p.CandidateProbability(s), threshold, 1);
                var error = (falsePositiveWeight * fp) + (falseNegativeWeight * fn);
                if (error < bestError)
                {
                    bestError = error;
                    best = p;
                }
            }
        }

        return best;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static double Integrate(Func<double, double> f, double from, double to)
    {
        // Composite Simpson's rule; the integrands are smooth polynomials in s.
        const int Steps = 200;
        var h = (to - from) / Steps;
        var sum = f(from) + f(to);
        for (var i = 1; i < Steps; i++)
        {
            sum += f(from + (i * h)) * ((i & 1) == 1 ? 4 : 2);
        }

        return sum * h / 3;
    }
}
