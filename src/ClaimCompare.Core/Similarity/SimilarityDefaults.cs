namespace ClaimCompare.Core.Similarity;

/// <summary>Constants shared by the similarity types.</summary>
public static class SimilarityDefaults
{
    /// <summary>
    /// The normaliser version recorded in shingle sets and signature schemes when the caller does not give one:
    /// the text pipeline's <see cref="Text.TextNormalizer.NormalizerVersion"/>, since passages come from it.
    /// </summary>
    public const int NormalizerVersion = Text.TextNormalizer.NormalizerVersion;

    /// <summary>The default MinHash permutation seed.</summary>
    public const ulong Seed = 0x9E3779B97F4A7C15;

    /// <summary>The default number of MinHash permutations.</summary>
    public const int Permutations = 128;
}
