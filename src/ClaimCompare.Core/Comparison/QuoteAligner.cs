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
/// of one paragraph). Identical wording, or one quote contained in the other, is corroboration, not a
/// variant. FuzzySharp is called on text normalised here with a no-op processor, because its default
/// preprocessing drops every non-ASCII letter.
/// </remarks>
internal sealed class QuoteAligner(ComparisonOptions options, PassageLinks links, QuoteRatioCache? cache = null)
{
    private sealed record Item(int Index, DocumentClaims Document, Quote Quote, string Key);

    /// <summary>Aligns the quotes of <paramref name="documents"/> and adds the findings.</summary>
    /// <param name="documents">The claims of each source.</param>
    /// <param name="findings">Receives the findings.</param>
    /// <param name="focus">
    /// When set, only the wordings connected to this document's quotes are compared and emitted: every finding that
    /// involves the document comes out exactly as in a full alignment.
    /// </param>
    /// <param name="cancellationToken">Checked for every wording compared with the others.</param>
    public void Align(IReadOnlyList<DocumentClaims> documents, List<Finding> findings, string? focus = null, CancellationToken cancellationToken = default)
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

                var item = new Item(items.Count, document, quote, Normalize(quote.Text, options.MaxFuzzyLength));
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

            var wordings = new List<List<Item>>(byKey.Values);
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
                for (var i = 0; i < wordings.Count; i++)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    for (var j = i + 1; j < wordings.Count; j++)
                    {
                        Compare(wordings[i], wordings[j], sets, variant, scores, aligned, variantPairs);
                    }
                }
            }
            else
            {
                CompareFromFocus(wordings, focus, sets, variant, scores, aligned, variantPairs, reached, cancellationToken);
            }
        }

        var components = sets.Groups(focus is null ? items : reached, static item => item.Index);

        foreach (var members in components.Values)
        {
            members.Sort((x, y) =>
            {
                var byDocument = string.CompareOrdinal(x.Document.Document, y.Document.Document);
                return byDocument != 0 ? byDocument : x.Quote.Start.CompareTo(y.Quote.Start);
            });
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
                var evidence = EvidenceOf(members, speaker);
                var (first, second) = BestPair(variantPairs, sets, sets.Find(members[0].Index));
                findings.Add(new Finding(FindingKind.QuoteVariant, $"{speaker}: “{Excerpt(members[0].Quote.Text)}”", Math.Min(1, confidence), evidence)
                {
                    Explanation = $"{speaker} is quoted in different words by {DistinctDocuments(members)} sources.",
                    Diff = WordDiff.Compute(TextNormalizer.NormalizeToString(first.Quote.Text), TextNormalizer.NormalizeToString(second.Quote.Text)),
                });
            }
            else if (!aligned[members[0].Index] && options.IncludeSingleSource)
            {
                findings.Add(new Finding(FindingKind.SingleSource, $"{speaker}: “{Excerpt(members[0].Quote.Text)}”", 0.5, EvidenceOf(members, speaker))
                {
                    Explanation = "Only one source prints this quote.",
                });
            }
        }
    }

    /// <summary>
    /// Breadth-first from the wordings that hold a quote of <paramref name="focus"/>: each reached wording is compared
    /// with every other wording of the speaker (in the full alignment's order), so its component is complete.
    /// </summary>
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

        while (queue.TryDequeue(out var x))
        {
            cancellationToken.ThrowIfCancellationRequested();
            expanded[x] = true;
            reached.AddRange(wordings[x]);
            for (var y = 0; y < wordings.Count; y++)
            {
                if (y == x || expanded[y])
                {
                    continue;
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
        var ratio = same ? 100 : cache?.Ratio(a.Key, b.Key) ?? QuoteRatioCache.Compute(a.Key, b.Key);
        var (pairA, pairB, linked) = (ratio >= options.QuoteSimilarity || same) ? FirstCrossDocument(first, second) : FirstLinked(first, second);
        if (pairA is null || pairB is null || (!same && ratio < options.QuoteSimilarity && !(linked && ratio >= options.LinkedQuoteSimilarity)))
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

    /// <summary>The first two quotes of the wordings that come from different documents, if any.</summary>
    private (Item? A, Item? B, bool Linked) FirstCrossDocument(List<Item> first, List<Item> second)
    {
        foreach (var a in first)
        {
            foreach (var b in second)
            {
                if (a.Document.Document != b.Document.Document)
                {
                    return (a, b, links.AreLinked(a.Document.Document, a.Quote.PassageIndex, b.Document.Document, b.Quote.PassageIndex));
                }
            }
        }

        return (null, null, false);
    }

    /// <summary>Two quotes of the wordings whose sentences are near-duplicates, looking at a bounded number of pairs.</summary>
    private (Item? A, Item? B, bool Linked) FirstLinked(List<Item> first, List<Item> second)
    {
        const int MaxChecked = 32;
        for (var i = 0; i < Math.Min(first.Count, MaxChecked); i++)
        {
            for (var j = 0; j < Math.Min(second.Count, MaxChecked); j++)
            {
                var (a, b) = (first[i], second[j]);
                if (a.Document.Document != b.Document.Document && links.AreLinked(a.Document.Document, a.Quote.PassageIndex, b.Document.Document, b.Quote.PassageIndex))
                {
                    return (a, b, true);
                }
            }
        }

        return (null, null, false);
    }

    /// <summary>The highest-scoring variant pair of a group: the two wordings a reviewer should compare.</summary>
    private static (Item, Item) BestPair(List<(Item A, Item B, double Score)> pairs, UnionFind sets, int root)
    {
        (Item A, Item B, double Score)? best = null;
        foreach (var pair in pairs)
        {
            if (sets.Find(pair.A.Index) == root && (best is null || pair.Score > best.Value.Score))
            {
                best = pair;
            }
        }

        var (a, b, _) = best!.Value;
        return string.CompareOrdinal(a.Document.Document, b.Document.Document) <= 0 ? (a, b) : (b, a);
    }

    private static List<Evidence> EvidenceOf(List<Item> members, string speaker)
    {
        var evidence = new List<Evidence>(members.Count);
        foreach (var member in members)
        {
            if (member.Document.Source is { } source)
            {
                evidence.Add(EvidenceBuilder.Build(source, member.Quote.Start, member.Quote.End, $"{speaker}: “{member.Quote.Text}”"));
            }
        }

        return evidence;
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
