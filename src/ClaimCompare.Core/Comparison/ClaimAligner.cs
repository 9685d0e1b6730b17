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
    public IReadOnlyList<Finding> Align(IReadOnlyList<DocumentClaims> documents, PassageLinks links, string? focusDocument, CancellationToken cancellationToken) =>
        Align(documents, links, focusDocument, omitted: null, cancellationToken);

    /// <summary>
    /// Aligns the claims of <paramref name="documents"/> as <see cref="Align(IReadOnlyList{DocumentClaims}, PassageLinks, string?)"/> does,
    /// and says what the bounds of <see cref="ComparisonOptions"/> left out.
    /// </summary>
    /// <param name="documents">Claims per document; each needs its <see cref="DocumentClaims.Source"/> for evidence.</param>
    /// <param name="links">Near-duplicate passages across documents; may be empty.</param>
    /// <param name="focusDocument">The document of interest; null aligns everything.</param>
    /// <param name="omitted">Receives one <see cref="Omission"/> per bound that left something out
    /// (<see cref="ComparisonOptions.MaxComparisonsPerBlock"/>, <see cref="ComparisonOptions.MaxFindingsPerDocument"/>,
    /// <see cref="ComparisonOptions.MaxFindings"/>); may be null.</param>
    /// <param name="cancellationToken">Checked inside every loop over pairs of claims.</param>
    /// <returns>Findings ranked as by the full alignment, within the bounds.</returns>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public IReadOnlyList<Finding> Align(IReadOnlyList<DocumentClaims> documents, PassageLinks links, string? focusDocument, ICollection<Omission>? omitted, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(documents);
        ArgumentNullException.ThrowIfNull(links);
        cancellationToken.ThrowIfCancellationRequested();
        var findings = new List<Finding>();
        var figures = new FigureAligner(_options, links);
        figures.Align(documents, findings, focusDocument, omitted, cancellationToken);
        var quotes = new QuoteAligner(_options, links, _quoteRatios);
        quotes.Align(documents, findings, focusDocument, omitted, cancellationToken);
        RoleAligner.Align(documents, findings, links, fold: focusDocument is null && _options.FoldCopies, cancellationToken);

        // Single-source findings past the per-document bound were counted, not built.
        var preDropped = new Dictionary<string, long>(figures.DroppedSingleSource, StringComparer.Ordinal);
        foreach (var (document, count) in quotes.DroppedSingleSource)
        {
            preDropped[document] = preDropped.GetValueOrDefault(document) + count;
        }

        if (!_options.IncludeSingleSource)
        {
            findings.RemoveAll(f => f.Kind == FindingKind.SingleSource);
        }

        if (focusDocument is not null)
        {
            findings.RemoveAll(f => !Involves(f, focusDocument));
        }

        findings.Sort(CompareForReview);
        return Bound(findings, _options.IncludeSingleSource ? preDropped : [], omitted);
    }

    /// <summary>
    /// Keeps at most <see cref="ComparisonOptions.MaxFindingsPerDocument"/> findings about one document alone and at most
    /// <see cref="ComparisonOptions.MaxFindings"/> in all, in review order, and counts the rest by document and kind.
    /// </summary>
    private List<Finding> Bound(List<Finding> findings, Dictionary<string, long> preDropped, ICollection<Omission>? omitted)
    {
        var perDocumentLimit = _options.MaxFindingsPerDocument;
        var totalLimit = _options.MaxFindings;
        if ((perDocumentLimit <= 0 || findings.Count <= perDocumentLimit) && (totalLimit <= 0 || findings.Count <= totalLimit) && preDropped.Count == 0)
        {
            return findings;
        }

        var kept = new List<Finding>(Math.Min(findings.Count, totalLimit > 0 ? totalLimit : findings.Count));
        var perDocument = new Dictionary<string, int>(StringComparer.Ordinal);
        var droppedPerDocument = new Dictionary<(string Document, FindingKind Kind), long>();
        foreach (var (document, count) in preDropped)
        {
            droppedPerDocument[(document, FindingKind.SingleSource)] = count;
        }

        var droppedTotal = new SortedDictionary<FindingKind, long>();
        foreach (var finding in findings)
        {
            if (perDocumentLimit > 0 && OnlyDocument(finding) is { } document)
            {
                var count = perDocument.GetValueOrDefault(document) + 1;
                perDocument[document] = count;
                if (count > perDocumentLimit)
                {
                    droppedPerDocument[(document, finding.Kind)] = droppedPerDocument.GetValueOrDefault((document, finding.Kind)) + 1;
                    continue;
                }
            }

            if (totalLimit > 0 && kept.Count >= totalLimit)
            {
                droppedTotal[finding.Kind] = droppedTotal.GetValueOrDefault(finding.Kind) + 1;
                continue;
            }

            kept.Add(finding);
        }

        if (omitted is not null)
        {
            var dropped = new List<KeyValuePair<(string Document, FindingKind Kind), long>>(droppedPerDocument);
            dropped.Sort(static (x, y) =>
            {
                var c = string.CompareOrdinal(x.Key.Document, y.Key.Document);
                return c != 0 ? c : x.Key.Kind.CompareTo(y.Key.Kind);
            });
            foreach (var ((document, kind), count) in dropped)
            {
                omitted.Add(new Omission(OmissionReasons.FindingsPerDocument, $"{kind.ToWireName()} findings about document {document} alone beyond --max-findings-per-document {perDocumentLimit}", count)
                {
                    Document = document,
                    Kind = kind,
                });
            }

            foreach (var (kind, count) in droppedTotal)
            {
                omitted.Add(new Omission(OmissionReasons.Findings, $"{kind.ToWireName()} findings beyond --max-findings {totalLimit}", count) { Kind = kind });
            }
        }

        return kept;
    }

    /// <summary>The one document all of a finding's evidence stands in, or null when it spans several.</summary>
    private static string? OnlyDocument(Finding finding)
    {
        string? only = null;
        foreach (var evidence in finding.Evidence)
        {
            foreach (var document in evidence.Documents())
            {
                if (only is null)
                {
                    only = document;
                }
                else if (!string.Equals(only, document, StringComparison.Ordinal))
                {
                    return null;
                }
            }
        }

        return only;
    }

    private static bool Involves(Finding finding, string document)
    {
        foreach (var evidence in finding.Evidence)
        {
            if (evidence.Involves(document))
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
        if (byConfidence != 0)
        {
            return byConfidence;
        }

        var byTopic = string.CompareOrdinal(a.Topic, b.Topic);
        if (byTopic != 0 || a.Evidence.Count == 0 || b.Evidence.Count == 0)
        {
            return byTopic != 0 ? byTopic : a.Evidence.Count.CompareTo(b.Evidence.Count);
        }

        // Equal topics: by where the first evidence stands, so the order never depends on the order of the input.
        var byDocument = string.CompareOrdinal(a.Evidence[0].Document, b.Evidence[0].Document);
        return byDocument != 0 ? byDocument : a.Evidence[0].Claim.Start.CompareTo(b.Evidence[0].Claim.Start);
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
