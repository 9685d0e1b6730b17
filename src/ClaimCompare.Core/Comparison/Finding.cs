namespace ClaimCompare.Core.Comparison;

/// <summary>What a group of aligned claims says about the sources.</summary>
public enum FindingKind
{
    /// <summary>Sources give compatible figures for the same thing (their intervals overlap).</summary>
    Agree,

    /// <summary>Sources give incompatible figures for what looks like the same thing (disjoint intervals).</summary>
    Conflict,

    /// <summary>One speaker, one statement, different words.</summary>
    QuoteVariant,

    /// <summary>One person, incompatible titles.</summary>
    RoleConflict,

    /// <summary>A figure or quote only one source reports.</summary>
    SingleSource,

    /// <summary>The same figure of the same thing reported with different values on different days: a timeline, not a disagreement.</summary>
    Update,
}

/// <summary>Wire names of <see cref="FindingKind"/>, as used in JSON and every report.</summary>
public static class FindingKindNames
{
    /// <summary>The stable wire name: <c>agree</c>, <c>conflict</c>, <c>quote-variant</c>, <c>role-conflict</c>, <c>single-source</c> or <c>update</c>.</summary>
    /// <param name="kind">A defined kind.</param>
    /// <returns>The wire name.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="kind"/> is not a defined value.</exception>
    public static string ToWireName(this FindingKind kind) => kind switch
    {
        FindingKind.Agree => "agree",
        FindingKind.Conflict => "conflict",
        FindingKind.QuoteVariant => "quote-variant",
        FindingKind.RoleConflict => "role-conflict",
        FindingKind.SingleSource => "single-source",
        FindingKind.Update => "update",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "unknown finding kind"),
    };
}

/// <summary>A span of a source's original text.</summary>
/// <param name="Start">Start in the document's original text (inclusive, UTF-16 code units).</param>
/// <param name="End">End (exclusive).</param>
/// <param name="Text">Exactly <c>original.Substring(Start, End - Start)</c>.</param>
public sealed record SourceSpan(int Start, int End, string Text);

/// <summary>One source's part in a finding: its own words, where they stand, and what they were read as.</summary>
/// <param name="Document">The document id.</param>
/// <param name="Sentence">The sentence as the source printed it, with its span in the original text.</param>
/// <param name="Claim">The claim itself inside the sentence (the figure with its hedge, the quoted words, the name and title).</param>
/// <param name="Value">The normalised value: an interval such as <c>[95000, 100000)</c>, a speaker and quote, or a role.</param>
public sealed record Evidence(string Document, SourceSpan Sentence, SourceSpan Claim, string? Value)
{
    /// <summary>When and where the source places the claim (its date, a weekday or place named nearby), for judging whether two claims are about one event.</summary>
    public string? Context { get; init; }

    /// <summary>For a figure: what the aligner read it as (measure · subject · place · period · direction · role), so a
    /// reviewer sees why two figures were compared, e.g. <c>gdp growth · france · 2004-Q4</c>; null for quotes and roles.</summary>
    public string? Frame { get; init; }

    /// <summary>For a figure: the day its source reported it (the document's date, or a day the sentence gives); null when unknown.</summary>
    public DateOnly? Reported { get; init; }
}

/// <summary>One aligned group of claims across sources, with its verdict, confidence and evidence.</summary>
/// <param name="Kind">The verdict.</param>
/// <param name="Topic">A short human-readable subject, such as <c>Russian troops near the border</c>.</param>
/// <param name="Confidence">How sure the aligner is that the evidence speaks of one thing, in [0, 1].</param>
/// <param name="Evidence">One entry per source claim, in document-id order.</param>
public sealed record Finding(FindingKind Kind, string Topic, double Confidence, IReadOnlyList<Evidence> Evidence)
{
    /// <summary>Why the aligner reached the verdict, in one sentence (which intervals overlap, which titles differ).</summary>
    public string? Explanation { get; init; }

    /// <summary>For a quote variant: the word-level diff of the first two sources' wording; empty otherwise.</summary>
    public IReadOnlyList<Similarity.DiffSegment> Diff { get; init; } = [];
}
