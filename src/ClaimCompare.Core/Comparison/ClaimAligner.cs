using ClaimCompare.Core.Claims;

namespace ClaimCompare.Core.Comparison;

/// <summary>
/// Aligns the claims of several sources about one story and turns each aligned group into a finding:
/// agree, conflict, quote-variant, role-conflict or single-source, each with its evidence.
/// </summary>
public sealed class ClaimAligner(ComparisonOptions? options = null)
{
    private readonly ComparisonOptions _options = options ?? new ComparisonOptions();

    /// <summary>Aligns the claims of <paramref name="documents"/>.</summary>
    /// <param name="documents">Claims per document; each needs its <see cref="DocumentClaims.Source"/> for evidence.</param>
    /// <param name="links">Near-duplicate passages across documents, the strongest alignment evidence; may be empty.</param>
    /// <returns>Findings ranked for review: conflicts, role conflicts, quote variants, agreements, single-source
    /// claims; within a kind by descending confidence, then topic.</returns>
    public IReadOnlyList<Finding> Align(IReadOnlyList<DocumentClaims> documents, PassageLinks links)
    {
        ArgumentNullException.ThrowIfNull(documents);
        ArgumentNullException.ThrowIfNull(links);
        var findings = new List<Finding>();
        new FigureAligner(_options, links).Align(documents, findings);
        new QuoteAligner(_options, links).Align(documents, findings);
        RoleAligner.Align(documents, findings);
        if (!_options.IncludeSingleSource)
        {
            findings.RemoveAll(f => f.Kind == FindingKind.SingleSource);
        }

        findings.Sort(CompareForReview);
        return findings;
    }

    private static int CompareForReview(Finding a, Finding b)
    {
        var byKind = Rank(a.Kind).CompareTo(Rank(b.Kind));
        if (byKind != 0)
        {
            return byKind;
        }

        var byConfidence = b.Confidence.CompareTo(a.Confidence);
        return byConfidence != 0 ? byConfidence : string.CompareOrdinal(a.Topic, b.Topic);
    }

    private static int Rank(FindingKind kind) => kind switch
    {
        FindingKind.Conflict => 0,
        FindingKind.RoleConflict => 1,
        FindingKind.QuoteVariant => 2,
        FindingKind.Agree => 3,
        _ => 4,
    };
}
