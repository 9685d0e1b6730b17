using System.Security.Cryptography;
using System.Text;
using ClaimCompare.Core.Claims;
using ClaimCompare.Core.Comparison;
using ClaimCompare.Core.Text;
using ClaimCompare.Storage;

namespace ClaimCompare.Server.Analysis;

/// <summary>
/// The service's analysis on Core: passages from <see cref="TextPipeline"/>; near-duplicates from the exact
/// (normalised) passage index; claims from <see cref="ClaimExtractor"/>, aligned by <see cref="ClaimAligner"/>
/// against the stored documents this one shares passages with or shares the client's story key with.
/// </summary>
/// <remarks>
/// Nothing here is approximated: an exact match is a real verbatim copy, reported with Jaccard, containment
/// and fuzzy scores of 1. Looser copies and rewrites need Core's MinHash <c>LshIndex</c> and
/// <c>PassageVerifier</c> behind <see cref="IPassageIndex"/>; until that adapter exists they are not found at
/// ingest (the story report, built by Core over the whole story, does find them).
/// Claims are re-extracted from the stored text rather than stored: extraction is deterministic and cheap,
/// and a newer extractor then applies to old documents too.
/// </remarks>
public sealed class CoreDocumentAnalyzer : IDocumentAnalyzer
{
    private readonly TextPipeline _pipeline = new();

    /// <summary>The signature scheme: first 8 bytes of SHA-256 over the case-folded normalised passage.</summary>
    public const string SignatureScheme = "exact-sha256-64/casefold/v1";

    /// <summary>Passages with fewer words are not indexed: datelines and bylines would match everywhere.</summary>
    public const int MinimumWords = 6;

    /// <summary>At most this many stored copies are linked to one new passage; clusters still connect through them.</summary>
    public const int MaximumMatchesPerPassage = 16;

    /// <summary>At most this many stored documents are aligned with a new one: the most linked first, then the story's newest.</summary>
    public const int MaximumAlignedDocuments = 24;

    private readonly ClaimAligner _aligner = new(new ComparisonOptions { IncludeSingleSource = false });

    /// <inheritdoc />
    public AnalyzerCapabilities Capabilities { get; } = new("core-text-pipeline", "exact-normalized-match/v1", "core-claim-extractor+aligner");

    /// <inheritdoc />
    public Task<IngestAnalysis> AnalyzeAsync(SourceDocument document, IAnalysisContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(document);
        ArgumentNullException.ThrowIfNull(context);
        var processed = _pipeline.Process(document);
        var signatures = new List<PassageSignature>();
        var edges = new List<NearDuplicateEdge>();
        foreach (var passage in processed.Passages)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (CountWords(passage.Normalized) < MinimumWords)
            {
                continue;
            }

            var signature = Sign(passage.Normalized);
            signatures.Add(new PassageSignature(passage.Index, SignatureScheme, signature));
            var matches = 0;
            foreach (var hit in context.Index.Query(signature))
            {
                if (string.Equals(hit.Document, document.Id, StringComparison.Ordinal))
                {
                    continue;
                }

                var span = new SourceSpan(passage.Start, passage.End, passage.Text);
                edges.Add(new NearDuplicateEdge(document.Id, passage.Index, span, hit.Document, hit.Passage,
                    new SourceSpan(hit.Start, hit.End, ""), 1, 1, 1, "verbatim"));
                if (++matches == MaximumMatchesPerPassage)
                {
                    break;
                }
            }
        }

        return FillOtherTextsAsync(processed, signatures, edges, context, cancellationToken);
    }

    private async Task<IngestAnalysis> FillOtherTextsAsync(
        ProcessedDocument processed, List<PassageSignature> signatures, List<NearDuplicateEdge> edges, IAnalysisContext context, CancellationToken cancellationToken)
    {
        var texts = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < edges.Count; i++)
        {
            var edge = edges[i];
            if (!texts.TryGetValue(edge.OtherDocument, out var text))
            {
                var stored = await context.GetDocumentAsync(edge.OtherDocument, cancellationToken).ConfigureAwait(false);
                texts[edge.OtherDocument] = text = stored?.Text ?? "";
            }

            var other = edge.OtherSpan;
            edges[i] = edge with { OtherSpan = other with { Text = other.End <= text.Length ? text[other.Start..other.End] : "" } };
        }

        var findings = await AlignAsync(processed, edges, context, cancellationToken).ConfigureAwait(false);
        return new IngestAnalysis(processed, signatures, edges, findings);
    }

    /// <summary>Findings that involve the new document, from aligning it with the related stored documents.</summary>
    private async Task<IReadOnlyList<Finding>> AlignAsync(
        ProcessedDocument processed, List<NearDuplicateEdge> edges, IAnalysisContext context, CancellationToken cancellationToken)
    {
        var related = new Dictionary<string, ProcessedDocument>(StringComparer.Ordinal);
        foreach (var id in edges.GroupBy(e => e.OtherDocument, StringComparer.Ordinal)
            .OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal).Select(g => g.Key))
        {
            if (related.Count >= MaximumAlignedDocuments)
            {
                break;
            }

            if (await context.GetDocumentAsync(id, cancellationToken).ConfigureAwait(false) is { } stored)
            {
                related[id] = stored.ToProcessedDocument();
            }
        }

        foreach (var stored in (await context.GetStoryDocumentsAsync(cancellationToken).ConfigureAwait(false)).Reverse())
        {
            if (related.Count >= MaximumAlignedDocuments)
            {
                break;
            }

            related.TryAdd(stored.Id, stored.ToProcessedDocument());
        }

        var documents = new List<ProcessedDocument>(related.Count + 1) { processed };
        documents.AddRange(related.Values.OrderBy(d => d.Id, StringComparer.Ordinal));
        var links = new PassageLinks();
        foreach (var edge in edges)
        {
            links.Add(edge.Document, edge.Passage, edge.OtherDocument, edge.OtherPassage);
        }

        var claims = ClaimExtractor.ExtractAll(documents);
        // Findings among stored documents alone were raised when the later of them was ingested.
        return [.. _aligner.Align(claims, links).Where(f => f.Evidence.Any(e => string.Equals(e.Document, processed.Id, StringComparison.Ordinal)))];
    }

    /// <summary>The exact-match signature of a normalised passage.</summary>
    /// <param name="normalized">The passage after normalisation.</param>
    /// <returns>8 bytes.</returns>
    public static byte[] Sign(string normalized)
    {
        var folded = normalized.ToUpperInvariant().ToLowerInvariant();
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(Encoding.UTF8.GetBytes(folded), hash);
        return hash[..8].ToArray();
    }

    private static int CountWords(string text)
    {
        var words = 0;
        var inWord = false;
        foreach (var c in text)
        {
            var letter = char.IsLetterOrDigit(c);
            if (letter && !inWord)
            {
                words++;
            }

            inWord = letter;
        }

        return words;
    }
}
