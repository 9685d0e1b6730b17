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

/// <summary>A copy of an evidence entry's claim: another document that prints the same claim in the same words.</summary>
/// <param name="Document">The document id.</param>
/// <param name="Start">Start of the claim in that document's original text.</param>
/// <param name="End">End of the claim (exclusive).</param>
public sealed record EvidenceCopy(string Document, int Start, int End);

/// <summary>
/// One wording of a claim in a finding: the source that printed it first (its own words, where they stand, and what
/// they were read as) and the copies, every other document that prints the claim in the same words in a passage the
/// near-duplicate stage found to be a copy.
/// </summary>
/// <param name="Document">The representative document: earliest date (undated last), then lowest id.</param>
/// <param name="Sentence">The sentence as the representative printed it, with its span in the original text; a sentence
/// over 600 characters is cut to a window around the claim.</param>
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

    /// <summary>For a figure: the figure as extracted (value, interval, unit, direction, kind); null for quotes and roles.</summary>
    public Claims.Figure? Figure { get; init; }

    /// <summary>The other documents that print this claim in these words, with the claim's span in each, in (document, position) order; empty when only <see cref="Document"/> does.</summary>
    public IReadOnlyList<EvidenceCopy> Copies { get; init; } = [];
}

/// <summary>Helpers over <see cref="Evidence"/>.</summary>
public static class EvidenceExtensions
{
    /// <summary>Every document that prints the evidence's claim: the representative first, then the copies' documents, each once.</summary>
    /// <param name="evidence">An evidence entry.</param>
    /// <returns>Distinct document ids.</returns>
    public static IReadOnlyList<string> Documents(this Evidence evidence)
    {
        ArgumentNullException.ThrowIfNull(evidence);
        if (evidence.Copies.Count == 0)
        {
            return [evidence.Document];
        }

        var seen = new HashSet<string>(StringComparer.Ordinal) { evidence.Document };
        var documents = new List<string>(evidence.Copies.Count + 1) { evidence.Document };
        foreach (var copy in evidence.Copies)
        {
            if (seen.Add(copy.Document))
            {
                documents.Add(copy.Document);
            }
        }

        return documents;
    }

    /// <summary>Whether <paramref name="document"/> prints the evidence's claim (as representative or copy).</summary>
    /// <param name="evidence">An evidence entry.</param>
    /// <param name="document">A document id.</param>
    /// <returns>True when the document is the representative or one of the copies.</returns>
    public static bool Involves(this Evidence evidence, string document)
    {
        ArgumentNullException.ThrowIfNull(evidence);
        if (string.Equals(evidence.Document, document, StringComparison.Ordinal))
        {
            return true;
        }

        foreach (var copy in evidence.Copies)
        {
            if (string.Equals(copy.Document, document, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }
}

/// <summary>Stable reasons for an <see cref="Omission"/>, as written in JSON.</summary>
public static class OmissionReasons
{
    /// <summary>A block of claims held more pairs than <see cref="ComparisonOptions.MaxComparisonsPerBlock"/>.</summary>
    public const string ComparisonsPerBlock = "comparisons-per-block";

    /// <summary>One document had more findings of its own than <see cref="ComparisonOptions.MaxFindingsPerDocument"/>.</summary>
    public const string FindingsPerDocument = "findings-per-document";

    /// <summary>The report had more findings than <see cref="ComparisonOptions.MaxFindings"/>.</summary>
    public const string Findings = "findings";

    /// <summary>The report's wall-clock time budget ran out.</summary>
    public const string TimeBudget = "time-budget";

    /// <summary>The report's CPU-time budget ran out.</summary>
    public const string CpuBudget = "cpu-budget";

    /// <summary>The report's memory budget ran out.</summary>
    public const string MemoryBudget = "memory-budget";
}

/// <summary>Something a budget or a bound left out of a report, and how much.</summary>
/// <param name="Reason">One of the <see cref="OmissionReasons"/>.</param>
/// <param name="What">What was left out, in words, naming the option that raises the bound.</param>
/// <param name="Count">How many (findings, comparisons, documents) were left out; 0 when unknown.</param>
public sealed record Omission(string Reason, string What, long Count)
{
    /// <summary>The document concerned, for a per-document bound.</summary>
    public string? Document { get; init; }

    /// <summary>The kind of findings left out, when they are findings.</summary>
    public FindingKind? Kind { get; init; }
}

/// <summary>One aligned group of claims across sources, with its verdict, confidence and evidence.</summary>
/// <param name="Kind">The verdict.</param>
/// <param name="Topic">A short human-readable subject, such as <c>Russian troops near the border</c>.</param>
/// <param name="Confidence">How sure the aligner is that the evidence speaks of one thing, in [0, 1].</param>
/// <param name="Evidence">One entry per wording, each with its copies, in document-id order (a conflict's sides one after the other, the side printed by fewer sources first).</param>
public sealed record Finding(FindingKind Kind, string Topic, double Confidence, IReadOnlyList<Evidence> Evidence)
{
    /// <summary>Why the aligner reached the verdict, in one sentence (which intervals overlap, which titles differ).</summary>
    public string? Explanation { get; init; }

    /// <summary>For a quote variant: the word-level diff of the first two sources' wording; empty otherwise.</summary>
    public IReadOnlyList<Similarity.DiffSegment> Diff { get; init; } = [];
}
