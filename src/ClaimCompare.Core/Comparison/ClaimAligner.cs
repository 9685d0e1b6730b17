using ClaimCompare.Core.Claims;

namespace ClaimCompare.Core.Comparison;

/// <summary>
/// Aligns the claims of several sources about one story and turns each aligned group into a finding:
/// agree, conflict, update, quote-variant, role-conflict or single-source, each with its evidence.
/// </summary>
/// <remarks>Thread-safe: one instance may align for many callers at once, and remembers quote similarities between calls.</remarks>
public sealed class ClaimAligner(ComparisonOptions? options = null)
{
    private readonly ComparisonOptions _options = options ?? new ComparisonOptions();
    private readonly QuoteRatioCache _quoteRatios = new();

    /// <summary>Aligns the claims of <paramref name="documents"/>.</summary>
    /// <param name="documents">Claims per document; each needs its <see cref="DocumentClaims.Source"/> for evidence.</param>
    /// <param name="links">Near-duplicate passages across documents, the strongest alignment evidence; may be empty.</param>
    /// <returns>Findings ranked for review: conflicts, role conflicts, quote variants, updates (timelines), agreements, single-source
    /// claims; within a kind by descending confidence, then topic.</returns>
    public IReadOnlyList<Finding> Align(IReadOnlyList<DocumentClaims> documents, PassageLinks links) => Align(documents, links, focusDocument: null);

    /// <summary>
    /// Aligns the claims of <paramref name="documents"/> and keeps the findings that involve <paramref name="focusDocument"/>:
    /// exactly the findings of <see cref="Align(IReadOnlyList{DocumentClaims}, PassageLinks)"/> whose evidence includes it,
    /// at a fraction of the cost, because only claims connected to the document's own are compared.
    /// </summary>
    /// <param name="documents">Claims per document; each needs its <see cref="DocumentClaims.Source"/> for evidence.</param>
    /// <param name="links">Near-duplicate passages across documents; may be empty.</param>
    /// <param name="focusDocument">The document of interest (a service's newly ingested article); null aligns everything.</param>
    /// <returns>Findings ranked as by the full alignment.</returns>
    public IReadOnlyList<Finding> Align(IReadOnlyList<DocumentClaims> documents, PassageLinks links, string? focusDocument) =>
        Align(documents, links, focusDocument, CancellationToken.None);

    /// <summary>Aligns the claims of <paramref name="documents"/>, stopping when <paramref name="cancellationToken"/> is cancelled.</summary>
    /// <param name="documents">Claims per document; each needs its <see cref="DocumentClaims.Source"/> for evidence.</param>
    /// <param name="links">Near-duplicate passages across documents; may be empty.</param>
    /// <param name="cancellationToken">Checked inside every loop over pairs of claims.</param>
    /// <returns>Findings ranked as by <see cref="Align(IReadOnlyList{DocumentClaims}, PassageLinks)"/>.</returns>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public IReadOnlyList<Finding> Align(IReadOnlyList<DocumentClaims> documents, PassageLinks links, CancellationToken cancellationToken) =>
        Align(documents, links, null, cancellationToken);

    /// <summary>
    /// Aligns the claims of <paramref name="documents"/> as <see cref="Align(IReadOnlyList{DocumentClaims}, PassageLinks, string?)"/> does,
    /// stopping when <paramref name="cancellationToken"/> is cancelled.
    /// </summary>
    /// <param name="documents">Claims per document; each needs its <see cref="DocumentClaims.Source"/> for evidence.</param>
    /// <param name="links">Near-duplicate passages across documents; may be empty.</param>
    /// <param name="focusDocument">The document of interest; null aligns everything.</param>
    /// <param name="cancellationToken">Checked inside every loop over pairs of claims.</param>
    /// <returns>Findings ranked as by the full alignment.</returns>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public IReadOnlyList<Finding> Align(IReadOnlyList<DocumentClaims> documents, PassageLinks links, string? focusDocument, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(documents);
        ArgumentNullException.ThrowIfNull(links);
        cancellationToken.ThrowIfCancellationRequested();
        var findings = new List<Finding>();
        new FigureAligner(_options, links).Align(documents, findings, focusDocument, cancellationToken);
        new QuoteAligner(_options, links, _quoteRatios).Align(documents, findings, focusDocument, cancellationToken);
        RoleAligner.Align(documents, findings, cancellationToken);
        if (!_options.IncludeSingleSource)
        {
            findings.RemoveAll(f => f.Kind == FindingKind.SingleSource);
        }

        if (focusDocument is not null)
        {
            findings.RemoveAll(f => !Involves(f, focusDocument));
        }

        findings.Sort(CompareForReview);
        return findings;
    }

    private static bool Involves(Finding finding, string document)
    {
        foreach (var evidence in finding.Evidence)
        {
            if (string.Equals(evidence.Document, document, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
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
        FindingKind.Update => 3,
        FindingKind.Agree => 4,
        _ => 5,
    };
}
