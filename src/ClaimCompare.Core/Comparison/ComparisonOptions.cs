namespace ClaimCompare.Core.Comparison;

/// <summary>Thresholds of the claim aligner. The defaults were tuned on the fixtures and the labelled set.</summary>
public sealed record ComparisonOptions
{
    /// <summary>Minimum alignment score for two figures with overlapping intervals to count as one agreement, in [0, 2].</summary>
    public double AgreeThreshold { get; init; } = 0.3;

    /// <summary>
    /// Minimum alignment score for two figures with disjoint intervals to be reported as a conflict.
    /// Higher than <see cref="AgreeThreshold"/> and without the same-value bonus: a false conflict costs a
    /// fact-checker time, so conflicts need their context to match on its own.
    /// </summary>
    public double ConflictThreshold { get; init; } = 0.4;

    /// <summary>Minimum context similarity for two mentions of the same year to agree (years carry no value bonus).</summary>
    public double YearAgreeThreshold { get; init; } = 0.25;

    /// <summary>Score added when both passages of a pair are near-duplicates of each other.</summary>
    public double LinkedBonus { get; init; } = 0.5;

    /// <summary>Minimum FuzzySharp token-set ratio (0-100) for two quotes of one speaker to be one statement.</summary>
    public int QuoteSimilarity { get; init; } = 72;

    /// <summary>Minimum token-set ratio when the quotes' sentences are near-duplicates of each other.</summary>
    public int LinkedQuoteSimilarity { get; init; } = 30;

    /// <summary>Longest quote (in characters) handed to FuzzySharp, whose Levenshtein is quadratic.</summary>
    public int MaxFuzzyLength { get; init; } = 400;

    /// <summary>Whether figures and quotes that only one source reports are listed as findings.</summary>
    public bool IncludeSingleSource { get; init; } = true;
}
