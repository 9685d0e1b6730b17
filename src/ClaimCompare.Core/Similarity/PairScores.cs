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
    double ContentContainment);
