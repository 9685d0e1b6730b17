using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
using ClaimCompare.Core.Claims;
using ClaimCompare.Core.Similarity;
using ClaimCompare.Core.Text;

namespace ClaimCompare.Core.Comparison;

/// <summary>Finds one speaker's statement printed in different words by different sources.</summary>
/// <remarks>
/// Quotes are compared within a speaker. Two quotes are one statement when their FuzzySharp token-set
/// ratio reaches <see cref="ComparisonOptions.QuoteSimilarity"/>, or a lower bar when their sentences are
/// near-duplicates ("simply non-starters" and "simply unachievable" share little but stand in two rewrites
/// of one paragraph) and the quotes share some of their content words. A variant needs one source printing one wording
/// and another source printing the other: two quotes that a source prints side by side (and its copies with it) are two
/// statements. Identical wording, or one quote contained in the other, is corroboration, not a
/// variant. FuzzySharp is called on text normalised here with a no-op processor, because its default
/// preprocessing drops every non-ASCII letter.
/// <para>
/// Distinct wordings of one speaker are compared in pairs only where they can be one statement: wordings whose
/// sentences are near-duplicates (the same link set), and wordings that share a word printed by at most
/// <see cref="MaxPostings"/> wordings of the speaker (a block of up to <see cref="SmallBlock"/> wordings compares every
/// pair). Wordings of one document are never compared with one another. At most
/// <see cref="ComparisonOptions.MaxComparisonsPerBlock"/> pairs per speaker are compared; the rest is reported as omitted.
/// </para>
/// </remarks>
internal sealed class QuoteAligner(ComparisonOptions options, PassageLinks links, QuoteRatioCache? cache = null)
{
    /// <summary>A speaker with at most this many distinct wordings has every pair compared.</summary>
    internal const int SmallBlock = 64;

    /// <summary>A word in more than this many wordings of one speaker does not make candidate pairs on its own.</summary>
    internal const int MaxPostings = 64;

    /// <summary>
    /// Below <see cref="ComparisonOptions.QuoteSimilarity"/>, quotes in near-duplicate sentences are one statement only when
    /// at least this share of their content words is common (<see cref="ContentDice"/>): "simply non-starters" and "simply
    /// unachievable" share 0.4.
    /// </summary>
    internal const double MinLinkedContentDice = 0.3;

    /// <summary>Fragments of one speaker found standing in a longer wording of another document: (fragment, whole).</summary>
    private readonly List<(Item Fragment, Item Whole)> _fragments = [];

    /// <summary>How many days apart two wordings may be first printed and still be one statement quoted in other words.</summary>
    internal const int MaxVariantDays = 2;

    private sealed record Item(int Index, DocumentClaims Document, Quote Quote, string Key, int Root);

    /// <summary>Aligns the quotes of <paramref name="documents"/> and adds the findings.</summary>
    /// <param name="documents">The claims of each source.</param>
    /// <param name="findings">Receives the findings.</param>
    /// <param name="focus">
    /// When set, only the wordings connected to this document's quotes are compared and emitted: every finding that
    /// involves the document comes out exactly as in a full alignment.
    /// </param>
    /// <param name="omitted">Receives what the comparison bound left out; may be null.</param>
    /// <param name="cancellationToken">Checked for every wording compared with the others.</param>
    public void Align(IReadOnlyList<DocumentClaims> documents, List<Finding> findings, string? focus = null, ICollection<Omission>? omitted = null, CancellationToken cancellationToken = default)
    {
        var items = new List<Item>();
        var bySpeaker = new Dictionary<string, List<Item>>(StringComparer.Ordinal);
        foreach (var document in documents)
        {
            foreach (var quote in document.Quotes)
            {
                if (quote.Speaker is not { Length: > 0 } speaker)
                {
                    continue;
                }

                var item = new Item(items.Count, document, quote, Normalize(quote.Text, options.MaxFuzzyLength), links.RootOf(document.Document, quote.PassageIndex));
                if (item.Key.Length == 0)
                {
                    continue;
                }

                items.Add(item);
                var key = SpeakerKey.Of(speaker);
                if (!bySpeaker.TryGetValue(key, out var list))
                {
                    bySpeaker[key] = list = [];
                }

                list.Add(item);
            }
        }

        var sets = new UnionFind(items.Count);
        var variant = new bool[items.Count];
        var scores = new double[items.Count];
        var aligned = new bool[items.Count];
        var variantPairs = new List<(Item A, Item B, double Score)>();
        var reached = new List<Item>();
        foreach (var list in bySpeaker.Values)
        {
            // Identical wordings first: a story repeats a quote verbatim many times, and each distinct
            // wording needs comparing with each other one only once.
            var byKey = new Dictionary<string, List<Item>>(StringComparer.Ordinal);
            foreach (var item in list)
            {
                if (!byKey.TryGetValue(item.Key, out var same))
                {
                    byKey[item.Key] = same = [];
                }

                same.Add(item);
            }

            // Canonical order (document, position) within and across wordings: which quotes stand for a pair, and so the
            // diff shown, never depend on the order of the input.
            var wordings = new List<List<Item>>(byKey.Values);
            foreach (var same in wordings)
            {
                same.Sort(CompareCanonical);
            }

            wordings.Sort(static (x, y) => CompareCanonical(x[0], y[0]));
            foreach (var same in wordings)
            {
                for (var k = 1; k < same.Count; k++)
                {
                    sets.Union(same[0].Index, same[k].Index);
                    if (same[k].Document.Document != same[0].Document.Document)
                    {
                        aligned[same[0].Index] = aligned[same[k].Index] = true;
                    }
                }
            }

            if (focus is null)
            {
                var candidates = CandidatePairs(wordings, out var possible);
                var budget = options.MaxComparisonsPerBlock;
                long done = 0;
                foreach (var pair in candidates)
                {
                    if (done >= budget)
                    {
                        break;
                    }

                    if ((done & 255) == 0)
                    {
                        cancellationToken.ThrowIfCancellationRequested();
                    }

                    done++;
                    Compare(wordings[(int)(pair >> 32)], wordings[(int)(uint)pair], sets, variant, scores, aligned, variantPairs);
                }

                if (candidates.Count > done && omitted is not null)
                {
                    lock (omitted)
                    {
                        omitted.Add(new Omission(OmissionReasons.ComparisonsPerBlock, $"quote comparisons for the speaker \"{list[0].Quote.Speaker}\" ({wordings.Count} wordings, {possible} pairs possible) beyond --max-comparisons {budget}", candidates.Count - done));
                    }
                }
            }
            else
            {
                CompareFromFocus(wordings, focus, sets, variant, scores, aligned, variantPairs, reached, cancellationToken);
            }

            JoinFragments(list, sets);
        }

        var components = sets.Groups(focus is null ? items : reached, static item => item.Index);
        var singles = new SingleSourceFindings(options.MaxFindingsPerDocument);

        var bestPairs = BestPairs(variantPairs, sets);
        foreach (var members in components.Values)
        {
            members.Sort(CompareCanonical);
            var speaker = Longest(members);
            var isVariant = false;
            var confidence = 0.0;
            foreach (var member in members)
            {
                isVariant |= variant[member.Index];
                confidence = Math.Max(confidence, scores[member.Index]);
            }

            if (isVariant)
            {
                var evidence = EvidenceOf(members, speaker, fold: focus is null && options.FoldCopies);
                var (first, second) = bestPairs[sets.Find(members[0].Index)];
                findings.Add(new Finding(FindingKind.QuoteVariant, $"{speaker}: “{Excerpt(members[0].Quote.Text)}”", Math.Min(1, confidence), evidence)
                {
                    Explanation = $"{speaker} is quoted in different words by {FigureAligner.CountText(DistinctSources(members), DistinctDocuments(members))}.",
                    Diff = WordDiff.Compute(TextNormalizer.NormalizeToString(first.Quote.Text), TextNormalizer.NormalizeToString(second.Quote.Text)),
                });
            }
            else if (!aligned[members[0].Index] && options.IncludeSingleSource)
            {
                var single = members;
                var topic = $"{speaker}: “{Excerpt(single[0].Quote.Text)}”";
                singles.Add(single[0].Document.Document, topic, single[0].Quote.Start, () => new Finding(FindingKind.SingleSource, topic, 0.5, EvidenceOf(single, speaker, fold: focus is null && options.FoldCopies))
                {
                    Explanation = "Only one source prints this quote.",
                });
            }
        }

        foreach (var (document, count) in singles.EmitTo(findings))
        {
            DroppedSingleSource[document] = DroppedSingleSource.GetValueOrDefault(document) + count;
        }
    }

    /// <summary>How many single-source findings of each document the per-document bound left out before they were built.</summary>
    public Dictionary<string, long> DroppedSingleSource { get; } = new(StringComparer.Ordinal);

    /// <summary>
    /// The pairs of wordings (indexes i &lt; j, packed as i &lt;&lt; 32 | j, in ascending order) worth comparing: every pair of a
    /// small block; else the pairs linked by near-duplicate sentences and the pairs sharing a word that at most
    /// <see cref="MaxPostings"/> wordings print. Never two wordings printed by one and the same document only.
    /// </summary>
    private static List<ulong> CandidatePairs(List<List<Item>> wordings, out long possible)
    {
        var only = new string?[wordings.Count];
        var perDocument = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var w = 0; w < wordings.Count; w++)
        {
            only[w] = wordings[w][0].Document.Document;
            foreach (var item in wordings[w])
            {
                if (!string.Equals(item.Document.Document, only[w], StringComparison.Ordinal))
                {
                    only[w] = null;
                    break;
                }
            }

            if (only[w] is { } d)
            {
                perDocument[d] = perDocument.GetValueOrDefault(d) + 1;
            }
        }

        long n = wordings.Count;
        possible = n * (n - 1) / 2;
        foreach (var count in perDocument.Values)
        {
            possible -= (long)count * (count - 1) / 2;
        }

        var pairs = new List<ulong>();
        if (possible == 0)
        {
            return pairs;
        }

        bool Comparable(int i, int j) => only[i] is null || !string.Equals(only[i], only[j], StringComparison.Ordinal);

        if (wordings.Count <= SmallBlock)
        {
            for (var i = 0; i < wordings.Count; i++)
            {
                for (var j = i + 1; j < wordings.Count; j++)
                {
                    if (Comparable(i, j))
                    {
                        pairs.Add(((ulong)(uint)i << 32) | (uint)j);
                    }
                }
            }

            return pairs;
        }

        var postings = new Dictionary<string, List<int>>(StringComparer.Ordinal);
        var roots = new Dictionary<int, List<int>>();
        for (var w = 0; w < wordings.Count; w++)
        {
            foreach (var token in wordings[w][0].Key.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            {
                var list = CollectionsMarshal.GetValueRefOrAddDefault(postings, token, out _) ??= [];
                if (list.Count == 0 || list[^1] != w)
                {
                    list.Add(w);
                }
            }

            foreach (var item in wordings[w])
            {
                if (item.Root >= 0)
                {
                    var list = CollectionsMarshal.GetValueRefOrAddDefault(roots, item.Root, out _) ??= [];
                    if (list.Count == 0 || list[^1] != w)
                    {
                        list.Add(w);
                    }
                }
            }
        }

        var seen = new HashSet<ulong>();
        void AddAll(List<int> list)
        {
            for (var a = 0; a < list.Count; a++)
            {
                for (var b = a + 1; b < list.Count; b++)
                {
                    var (i, j) = list[a] < list[b] ? (list[a], list[b]) : (list[b], list[a]);
                    if (i != j && Comparable(i, j))
                    {
                        seen.Add(((ulong)(uint)i << 32) | (uint)j);
                    }
                }
            }
        }

        foreach (var list in roots.Values)
        {
            if (list.Count <= MaxPostings)
            {
                AddAll(list);
            }
        }

        foreach (var list in postings.Values)
        {
            if (list.Count <= MaxPostings)
            {
                AddAll(list);
            }
        }

        pairs.AddRange(seen);
        pairs.Sort();
        return pairs;
    }

    /// <summary>
    /// Breadth-first from the wordings that hold a quote of <paramref name="focus"/>, along the full alignment's candidate
    /// pairs (<see cref="CandidatePairs"/>): each reached wording is compared with each of its candidates, in the full
    /// alignment's order, so its component is exactly the full alignment's.
    /// </summary>
    /// <remarks>
    /// Comparing a reached wording with every other wording of the speaker instead made an ingest quadratic in the
    /// quotes of one speaker (a 256 KB article of 3,600 quotes by 8 speakers: about 800,000 token-set ratios, most of
    /// them between wordings of the new article itself, which can never be one statement across sources).
    /// </remarks>
    private void CompareFromFocus(
        List<List<Item>> wordings, string focus, UnionFind sets, bool[] variant, double[] scores, bool[] aligned,
        List<(Item A, Item B, double Score)> variantPairs, List<Item> reached, CancellationToken cancellationToken)
    {
        var seen = new bool[wordings.Count];
        var expanded = new bool[wordings.Count];
        var queue = new Queue<int>();
        for (var w = 0; w < wordings.Count; w++)
        {
            foreach (var item in wordings[w])
            {
                if (string.Equals(item.Document.Document, focus, StringComparison.Ordinal))
                {
                    seen[w] = true;
                    queue.Enqueue(w);
                    break;
                }
            }
        }

        if (queue.Count == 0)
        {
            return;
        }

        // Candidates come out in ascending (i, j) order, so each wording's neighbours are in ascending order too.
        var neighbours = new List<int>?[wordings.Count];
        foreach (var pair in CandidatePairs(wordings, out _))
        {
            var (i, j) = ((int)(pair >> 32), (int)(uint)pair);
            (neighbours[i] ??= []).Add(j);
            (neighbours[j] ??= []).Add(i);
        }

        foreach (var list in neighbours)
        {
            list?.Sort();
        }

        long done = 0;
        while (queue.TryDequeue(out var x))
        {
            cancellationToken.ThrowIfCancellationRequested();
            expanded[x] = true;
            reached.AddRange(wordings[x]);
            if (neighbours[x] is not { } candidates)
            {
                continue;
            }

            foreach (var y in candidates)
            {
                if (expanded[y])
                {
                    continue;
                }

                if ((++done & 255) == 0)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                }

                var matched = x < y
                    ? Compare(wordings[x], wordings[y], sets, variant, scores, aligned, variantPairs)
                    : Compare(wordings[y], wordings[x], sets, variant, scores, aligned, variantPairs);
                if (matched && !seen[y])
                {
                    seen[y] = true;
                    queue.Enqueue(y);
                }
            }
        }
    }

    /// <summary>Compares two distinct wordings of one speaker and records a variant or a corroboration.</summary>
    /// <returns>Whether the two wordings are one statement.</returns>
    private bool Compare(List<Item> first, List<Item> second, UnionFind sets, bool[] variant, double[] scores, bool[] aligned, List<(Item A, Item B, double Score)> variantPairs)
    {
        var a = first[0];
        var b = second[0];
        if (!SpeakerKey.Compatible(a.Quote.Speaker!, b.Quote.Speaker!))
        {
            return false;
        }

        var same = a.Key.Contains(b.Key, StringComparison.Ordinal) || b.Key.Contains(a.Key, StringComparison.Ordinal);

        // A short fragment ("not good enough") stands in every longer statement that ends with it: it corroborates each, but
        // it must not make two statements one by standing in both ("But, frankly, the support on the ground ... was not
        // good enough" on one day, "Let me be absolutely clear: the support ... was not good enough" days later). It joins
        // the statement it stands in once the speaker's other pairs are compared, and only when that statement is one.
        if (same && Math.Min(a.Key.Length, b.Key.Length) * 2 < Math.Max(a.Key.Length, b.Key.Length))
        {
            if (FirstCrossDocument(first, second, null, null) is not ({ }, { }, _))
            {
                return false;
            }

            var (fragment, whole) = a.Key.Length < b.Key.Length ? (first, second) : (second, first);
            foreach (var item in fragment)
            {
                aligned[item.Index] = true;
            }

            foreach (var item in whole)
            {
                aligned[item.Index] = true;
            }

            _fragments.Add((fragment[0], whole[0]));
            return true;
        }

        // One statement is reported within a news cycle: wordings first printed more than two days apart in other words are
        // two statements of the speaker (the same point made again, a year later, in other words).
        if (!same && FirstDate(first) is { } day1 && FirstDate(second) is { } day2 && Math.Abs(day1.DayNumber - day2.DayNumber) > MaxVariantDays)
        {
            return false;
        }

        // "That number 58 may change" on one day and "That number 79 may change" days later are two statements of a figure
        // that moved, not one statement quoted in two wordings.
        if (!same && a.Document.Source?.Date is { } da && b.Document.Source?.Date is { } db && da != db && !SameNumbers(a.Key, b.Key))
        {
            return false;
        }

        var ratio = same ? 100 : cache?.Ratio(a.Key, b.Key) ?? QuoteRatioCache.Compute(a.Key, b.Key);

        // Near-duplicate sentences lower the bar only for quotes that share the statement's own content: two different
        // sentences of one speaker standing in one paragraph ("One can't say that our ideas ..." / "Let's not rush to
        // conclusions ...") are linked too, but share no words of substance.
        if (!same && ratio < options.QuoteSimilarity && (ratio < options.LinkedQuoteSimilarity || ContentDice(a.Key, b.Key) < MinLinkedContentDice))
        {
            return false;
        }

        // A variant needs one source printing one wording and another printing the other: where either source prints both
        // (a copy of a sentence that holds two quotes of one speaker), the two are different statements each corroborated.
        var (pairA, pairB, linked) = same
            ? FirstCrossDocument(first, second, null, null)
            : ratio >= options.QuoteSimilarity ? FirstCrossDocument(first, second, DocumentsOf(first), DocumentsOf(second)) : FirstLinked(first, second, DocumentsOf(first), DocumentsOf(second));
        if (pairA is null || pairB is null || (!same && ratio < options.QuoteSimilarity && !linked))
        {
            return false;
        }

        sets.Union(a.Index, b.Index);
        foreach (var item in first)
        {
            aligned[item.Index] = true;
        }

        foreach (var item in second)
        {
            aligned[item.Index] = true;
        }

        if (same)
        {
            return true;
        }

        var score = (ratio / 100.0 * 0.7) + (linked ? 0.3 : 0);
        foreach (var item in first)
        {
            variant[item.Index] = true;
            scores[item.Index] = Math.Max(scores[item.Index], score);
        }

        foreach (var item in second)
        {
            variant[item.Index] = true;
            scores[item.Index] = Math.Max(scores[item.Index], score);
        }

        variantPairs.Add((pairA, pairB, score));
        return true;
    }

    /// <summary>
    /// Joins each fragment to the statement it stands in when every longer wording that holds it is one statement (one
    /// component) and the fragment is not already part of another statement; a fragment that stands in two statements
    /// corroborates both and joins neither. One pass over the speaker's quotes and one over the fragments.
    /// </summary>
    private void JoinFragments(List<Item> speaker, UnionFind sets)
    {
        if (_fragments.Count == 0)
        {
            return;
        }

        // The longest wording of each component: a fragment already joined to a statement (a wording twice its length or
        // more) belongs to that one; one joined only to its own variants ("simply non-starters", "simply unachievable") does not.
        var longest = new Dictionary<int, int>();
        foreach (var item in speaker)
        {
            var root = sets.Find(item.Index);
            longest[root] = Math.Max(longest.GetValueOrDefault(root), item.Key.Length);
        }

        _fragments.Sort(static (x, y) => x.Fragment.Index != y.Fragment.Index ? x.Fragment.Index.CompareTo(y.Fragment.Index) : x.Whole.Index.CompareTo(y.Whole.Index));
        for (var i = 0; i < _fragments.Count;)
        {
            var fragment = _fragments[i].Fragment;
            var root = sets.Find(_fragments[i].Whole.Index);
            var one = true;
            var j = i;
            for (; j < _fragments.Count && _fragments[j].Fragment.Index == fragment.Index; j++)
            {
                one &= sets.Find(_fragments[j].Whole.Index) == root;
            }

            var own = sets.Find(fragment.Index);
            if (one && (own == root || longest.GetValueOrDefault(own) < 2 * fragment.Key.Length))
            {
                sets.Union(fragment.Index, _fragments[i].Whole.Index);
            }

            i = j;
        }

        _fragments.Clear();
    }

    /// <summary>The earliest date of the documents that print a wording; null when none is dated.</summary>
    private static DateOnly? FirstDate(List<Item> wording)
    {
        DateOnly? first = null;
        foreach (var item in wording)
        {
            if (item.Document.Source?.Date is { } date && (first is null || date < first))
            {
                first = date;
            }
        }

        return first;
    }

    /// <summary>
    /// The Dice coefficient of the two keys' content words (not function words, at least three characters): how much of
    /// the statement itself two quotes share, whatever their connecting words.
    /// </summary>
    internal static double ContentDice(string a, string b)
    {
        var x = ContentWords(a);
        var y = ContentWords(b);
        if (x.Count == 0 || y.Count == 0)
        {
            return 0;
        }

        var shared = 0;
        foreach (var word in x)
        {
            if (y.Contains(word))
            {
                shared++;
            }
        }

        return 2.0 * shared / (x.Count + y.Count);
    }

    private static HashSet<string> ContentWords(string key)
    {
        var words = new HashSet<string>(StringComparer.Ordinal);
        var span = key.AsSpan();
        foreach (var range in span.Split(' '))
        {
            var word = span[range];
            if (word.Length >= 3 && !Stopwords.Contains(word))
            {
                words.Add(word.ToString());
            }
        }

        return words;
    }

    /// <summary>Whether the two texts hold the same runs of digits in the same order.</summary>
    private static bool SameNumbers(string a, string b)
    {
        int i = 0, j = 0;
        while (true)
        {
            while (i < a.Length && !char.IsAsciiDigit(a[i]))
            {
                i++;
            }

            while (j < b.Length && !char.IsAsciiDigit(b[j]))
            {
                j++;
            }

            if (i == a.Length || j == b.Length)
            {
                return i == a.Length && j == b.Length;
            }

            while (i < a.Length && j < b.Length && char.IsAsciiDigit(a[i]) && a[i] == b[j])
            {
                i++;
                j++;
            }

            if ((i < a.Length && char.IsAsciiDigit(a[i])) || (j < b.Length && char.IsAsciiDigit(b[j])))
            {
                return false;
            }
        }
    }

    /// <summary>The documents that print a wording.</summary>
    private static HashSet<string> DocumentsOf(List<Item> wording)
    {
        var documents = new HashSet<string>(StringComparer.Ordinal);
        foreach (var item in wording)
        {
            documents.Add(item.Document.Document);
        }

        return documents;
    }

    /// <summary>Whether <paramref name="a"/> and <paramref name="b"/> can stand for a variant: different documents, neither printing the other's wording.</summary>
    private static bool CrossPair(Item a, Item b, HashSet<string>? firstDocuments, HashSet<string>? secondDocuments) =>
        a.Document.Document != b.Document.Document
        && (secondDocuments is null || !secondDocuments.Contains(a.Document.Document))
        && (firstDocuments is null || !firstDocuments.Contains(b.Document.Document));

    /// <summary>
    /// The first two quotes of the wordings that come from different documents, if any; when the wordings' documents are
    /// given, neither document may print the other wording.
    /// </summary>
    private (Item? A, Item? B, bool Linked) FirstCrossDocument(List<Item> first, List<Item> second, HashSet<string>? firstDocuments, HashSet<string>? secondDocuments)
    {
        foreach (var a in first)
        {
            foreach (var b in second)
            {
                if (CrossPair(a, b, firstDocuments, secondDocuments))
                {
                    return (a, b, links.AreLinked(a.Document.Document, a.Quote.PassageIndex, b.Document.Document, b.Quote.PassageIndex));
                }
            }
        }

        return (null, null, false);
    }

    /// <summary>Two quotes of the wordings whose sentences are near-duplicates, looking at a bounded number of pairs.</summary>
    private (Item? A, Item? B, bool Linked) FirstLinked(List<Item> first, List<Item> second, HashSet<string> firstDocuments, HashSet<string> secondDocuments)
    {
        const int MaxChecked = 32;
        for (var i = 0; i < Math.Min(first.Count, MaxChecked); i++)
        {
            for (var j = 0; j < Math.Min(second.Count, MaxChecked); j++)
            {
                var (a, b) = (first[i], second[j]);
                if (CrossPair(a, b, firstDocuments, secondDocuments) && links.AreLinked(a.Document.Document, a.Quote.PassageIndex, b.Document.Document, b.Quote.PassageIndex))
                {
                    return (a, b, true);
                }
            }
        }

        return (null, null, false);
    }

    /// <summary>The highest-scoring variant pair of each group (by root): the two wordings a reviewer should compare; ties go to the canonically first pair.</summary>
    private static Dictionary<int, (Item, Item)> BestPairs(List<(Item A, Item B, double Score)> pairs, UnionFind sets)
    {
        var best = new Dictionary<int, (Item A, Item B, double Score)>();
        foreach (var (x, y, score) in pairs)
        {
            var (a, b) = CompareCanonical(x, y) <= 0 ? (x, y) : (y, x);
            var root = sets.Find(a.Index);
            if (!best.TryGetValue(root, out var current) || score > current.Score
                || (score == current.Score && (CompareCanonical(a, current.A) < 0 || (a == current.A && CompareCanonical(b, current.B) < 0))))
            {
                best[root] = (a, b, score);
            }
        }

        var result = new Dictionary<int, (Item, Item)>(best.Count);
        foreach (var (root, (a, b, _)) in best)
        {
            result[root] = (a, b);
        }

        return result;
    }

    private static int CompareCanonical(Item x, Item y)
    {
        var byDocument = string.CompareOrdinal(x.Document.Document, y.Document.Document);
        return byDocument != 0 ? byDocument : x.Quote.Start.CompareTo(y.Quote.Start);
    }

    /// <summary>
    /// One evidence entry per quote, or, when folding, per wording printed in near-duplicate sentences (the same key and
    /// link set): the earliest-dated quote with the others as copies. Members are in (document, position) order.
    /// </summary>
    private static List<Evidence> EvidenceOf(List<Item> members, string speaker, bool fold)
    {
        var evidence = new List<Evidence>(members.Count);
        var byWording = new Dictionary<(string Key, int Root), List<Item>>();
        var order = new List<List<Item>>();
        foreach (var member in members)
        {
            if (member.Document.Source is null)
            {
                continue;
            }

            if (fold && member.Root >= 0)
            {
                if (byWording.TryGetValue((member.Key, member.Root), out var same))
                {
                    same.Add(member);
                    continue;
                }

                byWording[(member.Key, member.Root)] = same = [member];
                order.Add(same);
            }
            else
            {
                order.Add([member]);
            }
        }

        foreach (var wording in order)
        {
            var representative = wording[0];
            foreach (var member in wording)
            {
                if (IsEarlier(member, representative))
                {
                    representative = member;
                }
            }

            var built = EvidenceBuilder.Build(representative.Document.Source!, representative.Quote.Start, representative.Quote.End, $"{speaker}: “{representative.Quote.Text}”");
            if (wording.Count > 1)
            {
                var copies = new List<EvidenceCopy>(wording.Count - 1);
                foreach (var member in wording)
                {
                    if (member != representative)
                    {
                        copies.Add(new EvidenceCopy(member.Document.Document, member.Quote.Start, member.Quote.End));
                    }
                }

                built = built with { Copies = copies };
            }

            evidence.Add(built);
        }

        return evidence;
    }

    private static bool IsEarlier(Item a, Item b)
    {
        var da = a.Document.Source?.Date;
        var db = b.Document.Source?.Date;
        if (da.HasValue != db.HasValue)
        {
            return da.HasValue;
        }

        if (da.HasValue && da.Value != db!.Value)
        {
            return da.Value < db.Value;
        }

        var c = string.CompareOrdinal(a.Document.Document, b.Document.Document);
        return c != 0 ? c < 0 : a.Quote.Start < b.Quote.Start;
    }

    /// <summary>
    /// How many sources print the quotes: documents, except that one outlet's copies of an article count once, as for
    /// figures. Two documents of one outlet are joined when they print one wording or quotes in linked passages (an
    /// article, its feed item, its JSON-lines copy); two articles of one outlet in other words stay two sources.
    /// </summary>
    private static int DistinctSources(List<Item> members)
    {
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        var parent = new List<int>();
        var firstByCopyKey = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var member in members)
        {
            if (!index.TryGetValue(member.Document.Document, out var id))
            {
                id = parent.Count;
                index[member.Document.Document] = id;
                parent.Add(id);
            }

            if (SourceCounter.OutletKey(member.Document.Source) is not { } outlet)
            {
                continue;
            }

            Join(parent, firstByCopyKey, outlet + "\nwording\n" + member.Key, id);
            if (member.Root >= 0)
            {
                Join(parent, firstByCopyKey, outlet + "\npassage\n" + member.Root.ToString(CultureInfo.InvariantCulture), id);
            }
        }

        var sources = 0;
        for (var i = 0; i < parent.Count; i++)
        {
            sources += Find(parent, i) == i ? 1 : 0;
        }

        return sources;

        static void Join(List<int> parent, Dictionary<string, int> first, string key, int id)
        {
            if (first.TryGetValue(key, out var other))
            {
                var (x, y) = (Find(parent, id), Find(parent, other));
                parent[Math.Max(x, y)] = Math.Min(x, y);
            }
            else
            {
                first[key] = id;
            }
        }

        static int Find(List<int> parent, int x)
        {
            while (parent[x] != x)
            {
                parent[x] = parent[parent[x]];
                x = parent[x];
            }

            return x;
        }
    }

    private static int DistinctDocuments(List<Item> members)
    {
        var documents = new HashSet<string>(StringComparer.Ordinal);
        foreach (var member in members)
        {
            documents.Add(member.Document.Document);
        }

        return documents.Count;
    }

    private static string Longest(List<Item> members)
    {
        var best = members[0].Quote.Speaker!;
        foreach (var member in members)
        {
            if (member.Quote.Speaker!.Length > best.Length)
            {
                best = member.Quote.Speaker;
            }
        }

        return best;
    }

    private static string Excerpt(string text)
    {
        var words = text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        return words.Length <= 8 ? string.Join(' ', words) : string.Join(' ', words[..8]) + " …";
    }

    /// <summary>The comparison key (NFKC, case-folded) reduced to letters and digits separated by single spaces.</summary>
    internal static string Normalize(string text, int maxLength)
    {
        var builder = new StringBuilder(Math.Min(text.Length, maxLength));
        var space = false;
        foreach (var c in TextNormalizer.ToComparisonKey(text))
        {
            if (builder.Length >= maxLength)
            {
                break;
            }

            if (char.IsLetterOrDigit(c))
            {
                if (space && builder.Length > 0)
                {
                    builder.Append(' ');
                }

                builder.Append(c);
                space = false;
            }
            else if (c != '\'')
            {
                space = true;
            }
        }

        return builder.ToString();
    }
}
