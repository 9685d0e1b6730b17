namespace ClaimCompare.Core.Similarity;

/// <summary>The exact scores of a pair of passages.</summary>
/// <param name="Jaccard">Exact Jaccard of the copy shingles, in [0, 1].</param>
/// <param name="Containment">Exact containment of the smaller shingle set in the larger, in [0, 1].</param>
/// <param name="Fuzzy">FuzzySharp token-set ratio of the folded texts, in [0, 1].</param>
/// <param name="PartialFuzzy">FuzzySharp partial ratio of the folded texts, in [0, 1].</param>
/// <param name="SharedContentWords">Informative content words (not names, not common in the corpus) both passages contain.</param>
/// <param name="ContentContainment">Shared informative words over the smaller passage's informative words, in [0, 1].</param>
public readonly record struct PairScores(
    double Jaccard,
    double Containment,
    double Fuzzy,
    double PartialFuzzy,
    int SharedContentWords,
    double ContentContainment)
{
    /// <summary>
    /// How sure the verifier is of the match, in [0, 1]: 1 for copies (exact rules), the calibrated rewrite
    /// probability for a pair that reached the rewrite decision (<see cref="PassageVerifier.RewriteProbability"/>),
    /// 0 when neither was computed.
    /// </summary>
    public double Confidence { get; init; }
}
