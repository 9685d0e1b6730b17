using System.Security.Cryptography;
using System.Text;
using ClaimCompare.Core.Comparison;
using ClaimCompare.Core.Text;
using ClaimCompare.Storage;

namespace ClaimCompare.Server.Analysis;

/// <summary>
/// The analysis available until Core's similarity and claim pieces land: passages from Core's
/// <see cref="TextPipeline"/>, exact (normalised) passage matches as near-duplicates, and no findings.
/// </summary>
/// <remarks>
/// Nothing here is approximated or invented: an exact match is a real verbatim copy and is reported
/// with Jaccard, containment and fuzzy scores of 1. Looser near-duplicates and all claim findings
/// need the MinHash index and the claim aligner; <see cref="Capabilities"/> says which are missing.
/// </remarks>
public sealed class ExactMatchAnalyzer : IDocumentAnalyzer
{
    private readonly TextPipeline _pipeline = new();

    /// <summary>The signature scheme: first 8 bytes of SHA-256 over the case-folded normalised passage.</summary>
    public const string SignatureScheme = "exact-sha256-64/casefold/v1";

    /// <summary>Passages with fewer words are not indexed: datelines and bylines would match everywhere.</summary>
    public const int MinimumWords = 6;

    /// <summary>At most this many stored copies are linked to one new passage; clusters still connect through them.</summary>
    public const int MaximumMatchesPerPassage = 16;

    /// <inheritdoc />
    public AnalyzerCapabilities Capabilities { get; } = new("core-text-pipeline", "exact-normalized-match/v1", "unavailable");

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

    private static async Task<IngestAnalysis> FillOtherTextsAsync(
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

        return new IngestAnalysis(processed, signatures, edges, []);
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
