namespace ClaimCompare.Core.Similarity;

/// <summary>Constants shared by the similarity types.</summary>
public static class SimilarityDefaults
{
    /// <summary>
    /// The normaliser version recorded in schemes when the caller does not give one. 0 means "text normalised
    /// by the caller, version unknown"; the text pipeline's own version replaces it once the pipeline lands.
    /// </summary>
    public const int NormalizerVersion = 0;

    /// <summary>The default MinHash permutation seed.</summary>
    public const ulong Seed = 0x9E3779B97F4A7C15;

    /// <summary>The default number of MinHash permutations.</summary>
    public const int Permutations = 128;
}
