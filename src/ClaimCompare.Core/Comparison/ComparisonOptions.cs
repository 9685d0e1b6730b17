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

    /// <summary>
    /// Whether copies are folded before alignment (true by default): a claim printed in the same words in passages the
    /// near-duplicate stage linked (a reprint) is aligned once, as one wording with its copies, so alignment costs what
    /// the distinct wordings cost, not what the reprints cost. A copy that changed the claim (another figure) is a
    /// wording of its own, linked to the original, and so still conflicts with it. A focused alignment never folds.
    /// </summary>
    public bool FoldCopies { get; init; } = true;

    /// <summary>
    /// The most pairs compared within one block (figures of one kind and counted noun, or quotes of one speaker); 1,000,000
    /// by default. Pairs within one document are never compared and do not count. Past the bound, the wordings printed by
    /// the most sources are compared first and the rest is reported as omitted.
    /// </summary>
    public long MaxComparisonsPerBlock { get; init; } = 1_000_000;

    /// <summary>
    /// The most findings kept about one document alone (single-source findings, whose evidence is that one document);
    /// 200 by default, 0 for no bound. The rest are counted and reported as omitted, by kind.
    /// </summary>
    public int MaxFindingsPerDocument { get; init; } = 200;

    /// <summary>The most findings in all, in review order; 10,000 by default, 0 for no bound. The rest are counted and reported as omitted.</summary>
    public int MaxFindings { get; init; } = 10_000;
}
