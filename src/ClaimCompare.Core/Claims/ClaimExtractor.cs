using System.Collections;
using ClaimCompare.Core.Reporting;
using ClaimCompare.Core.Text;

namespace ClaimCompare.Core.Claims;

/// <summary>The extraction layer's facade: figures, quotes and people of a document in one call.</summary>
public static class ClaimExtractor
{
    /// <summary>Extracts the figures, quotes and people of one document; names are canonical within it.</summary>
    /// <param name="document">A processed document whose passages index its original text.</param>
    /// <returns>The document's claims; never throws on odd text.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="document"/> is null.</exception>
    public static DocumentClaims Extract(ProcessedDocument document) => Extract(document, CancellationToken.None);

    /// <summary>Extracts the figures, quotes and people of one document, stopping when <paramref name="cancellationToken"/> is cancelled.</summary>
    /// <param name="document">A processed document whose passages index its original text.</param>
    /// <param name="cancellationToken">Checked whenever an extractor moves on to the next passage.</param>
    /// <returns>The document's claims.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="document"/> is null.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public static DocumentClaims Extract(ProcessedDocument document, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(document);
        cancellationToken.ThrowIfCancellationRequested();

        // The extractors walk the passages; a list that checks the token on every read stops them within a passage
        // without threading the token through each of them.
        var read = cancellationToken.CanBeCanceled
            ? document with { Passages = new CancellablePassages(document.Passages, cancellationToken) }
            : document;
        var people = PersonRoleExtractor.Extract(read);
        var quotes = QuoteExtractor.Extract(read, people);
        var figures = FigureExtractor.Extract(read);
        cancellationToken.ThrowIfCancellationRequested();
        return new DocumentClaims(document.Id, figures, quotes, people) { Source = document };
    }

    /// <summary>Extracts every document; every document keeps its own names.</summary>
    /// <param name="documents">The documents.</param>
    /// <returns>One <see cref="DocumentClaims"/> per document, in input order.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="documents"/> is null.</exception>
    public static IReadOnlyList<DocumentClaims> ExtractAll(IEnumerable<ProcessedDocument> documents) => ExtractAll(documents, null, CancellationToken.None);

    /// <summary>Extracts every document, stopping when <paramref name="cancellationToken"/> is cancelled; every
    /// document keeps its own names.</summary>
    /// <param name="documents">The documents.</param>
    /// <param name="cancellationToken">Checked between documents and between passages.</param>
    /// <returns>One <see cref="DocumentClaims"/> per document, in input order.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="documents"/> is null.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public static IReadOnlyList<DocumentClaims> ExtractAll(IEnumerable<ProcessedDocument> documents, CancellationToken cancellationToken) =>
        ExtractAll(documents, null, cancellationToken);

    /// <summary>Extracts every document and merges people's names across the documents that belong together.</summary>
    /// <param name="documents">The documents.</param>
    /// <param name="groups">Which documents belong together (one story, or linked by near-duplicate passages); names
    /// are merged only within a group. Null: every document keeps its own names (never merged by surname alone).</param>
    /// <param name="cancellationToken">Checked between documents and between passages.</param>
    /// <returns>One <see cref="DocumentClaims"/> per document, in input order.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="documents"/> is null.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public static IReadOnlyList<DocumentClaims> ExtractAll(IEnumerable<ProcessedDocument> documents, DocumentGroups? groups, CancellationToken cancellationToken = default) =>
        ExtractAll(documents, groups, maxDegreeOfParallelism: 1, cancellationToken);

    /// <summary>
    /// Extracts every document, on up to <paramref name="maxDegreeOfParallelism"/> threads, and merges people's names
    /// across the documents that belong together. The result is the same whatever the degree: documents are extracted
    /// independently into their own slots, and names are merged afterwards in input order.
    /// </summary>
    /// <param name="documents">The documents.</param>
    /// <param name="groups">Which documents belong together; null: every document keeps its own names.</param>
    /// <param name="maxDegreeOfParallelism">Threads to use; -1 for all cores.</param>
    /// <param name="cancellationToken">Checked between documents and between passages.</param>
    /// <returns>One <see cref="DocumentClaims"/> per document, in input order.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="documents"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="maxDegreeOfParallelism"/> is 0 or less than -1.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public static IReadOnlyList<DocumentClaims> ExtractAll(IEnumerable<ProcessedDocument> documents, DocumentGroups? groups, int maxDegreeOfParallelism, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(documents);
        if (maxDegreeOfParallelism is 0 or < -1)
        {
            throw new ArgumentOutOfRangeException(nameof(maxDegreeOfParallelism), maxDegreeOfParallelism, "Use -1 or a positive number.");
        }

        var list = documents as IReadOnlyList<ProcessedDocument> ?? [.. documents];
        var claims = new DocumentClaims[list.Count];
        if (maxDegreeOfParallelism == 1 || list.Count < 2)
        {
            for (var i = 0; i < list.Count; i++)
            {
                claims[i] = Extract(list[i], cancellationToken);
            }
        }
        else
        {
            // Largest documents first, so one big document does not start last and run alone.
            var order = new int[list.Count];
            for (var i = 0; i < order.Length; i++)
            {
                order[i] = i;
            }

            Array.Sort(order, (x, y) =>
            {
                var c = list[y].OriginalText.Length.CompareTo(list[x].OriginalText.Length);
                return c != 0 ? c : x.CompareTo(y);
            });
            var parallel = new ParallelOptions { MaxDegreeOfParallelism = maxDegreeOfParallelism, CancellationToken = cancellationToken, TaskScheduler = CpuAccount.SchedulerFor() };
            Parallel.ForEach(System.Collections.Concurrent.Partitioner.Create(order, loadBalance: true), parallel, i => claims[i] = Extract(list[i], cancellationToken));
        }

        return PersonRegistry.Unify(claims, groups ?? new DocumentGroups());
    }

    /// <summary>A read-only view of a passage list that throws once its token is cancelled.</summary>
    private sealed class CancellablePassages(IReadOnlyList<Passage> passages, CancellationToken cancellationToken) : IReadOnlyList<Passage>
    {
        public int Count => passages.Count;

        public Passage this[int index]
        {
            get
            {
                cancellationToken.ThrowIfCancellationRequested();
                return passages[index];
            }
        }

        public IEnumerator<Passage> GetEnumerator()
        {
            for (var i = 0; i < passages.Count; i++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                yield return passages[i];
            }
        }

        IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
    }
}
