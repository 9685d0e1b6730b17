namespace ClaimCompare.Core.Similarity;

/// <summary>How close a verified pair of passages is.</summary>
public enum MatchKind
{
    /// <summary>Identical after normalisation and case folding (punctuation and spacing aside).</summary>
    Verbatim,

    /// <summary>Nearly identical: a figure or a word or two changed.</summary>
    NearVerbatim,

    /// <summary>An edited copy: trimmed, extended or with several words changed.</summary>
    Edited,

    /// <summary>A reworded copy: different wording, the same content words.</summary>
    Rewrite,
}

/// <summary>Stable wire names of <see cref="MatchKind"/> values.</summary>
public static class MatchKindNames
{
    /// <summary>The JSON name: <c>verbatim</c>, <c>near-verbatim</c>, <c>edited</c> or <c>rewrite</c>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is not a defined kind.</exception>
    public static string ToWireName(this MatchKind kind) => kind switch
    {
        MatchKind.Verbatim => "verbatim",
        MatchKind.NearVerbatim => "near-verbatim",
        MatchKind.Edited => "edited",
        MatchKind.Rewrite => "rewrite",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown match kind."),
    };
}
