using System.Text;
using ClaimCompare.Core.Claims;
using ClaimCompare.Core.Similarity;
using ClaimCompare.Core.Text;
using FuzzySharp;

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
internal sealed class QuoteAligner(ComparisonOptions options, PassageLinks links)
{
    private sealed record Item(int Index, DocumentClaims Document, Quote Quote, string Key);

    public void Align(IReadOnlyList<DocumentClaims> documents, List<Finding> findings)
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

        var sets = new DisjointSets(items.Count);
        var variant = new bool[items.Count];
        var scores = new double[items.Count];
        var aligned = new bool[items.Count];
        var variantPairs = new List<(Item A, Item B, double Score)>();
        foreach (var list in bySpeaker.Values)
        {
            for (var i = 0; i < list.Count; i++)
            {
                for (var j = i + 1; j < list.Count; j++)
                {
                    var a = list[i];
                    var b = list[j];
                    if (a.Document.Document == b.Document.Document || !SpeakerKey.Compatible(a.Quote.Speaker!, b.Quote.Speaker!))
                    {
                        continue;
                    }

                    var same = a.Key == b.Key || a.Key.Contains(b.Key, StringComparison.Ordinal) || b.Key.Contains(a.Key, StringComparison.Ordinal);
                    var ratio = same ? 100 : Fuzz.TokenSetRatio(a.Key, b.Key);
                    var linked = links.AreLinked(a.Document.Document, a.Quote.PassageIndex, b.Document.Document, b.Quote.PassageIndex);
                    if (!same && ratio < options.QuoteSimilarity && !(linked && ratio >= options.LinkedQuoteSimilarity))
                    {
                        continue;
                    }

                    sets.Union(a.Index, b.Index);
                    aligned[a.Index] = aligned[b.Index] = true;
                    if (!same)
                    {
                        variant[a.Index] = variant[b.Index] = true;
                        var score = (ratio / 100.0 * 0.7) + (linked ? 0.3 : 0);
                        scores[a.Index] = Math.Max(scores[a.Index], score);
                        scores[b.Index] = Math.Max(scores[b.Index], score);
                        variantPairs.Add((a, b, score));
                    }
                }
            }
        }

        var components = new Dictionary<int, List<Item>>();
        foreach (var item in items)
        {
            var root = sets.Find(item.Index);
            if (!components.TryGetValue(root, out var list))
            {
                components[root] = list = [];
            }

            list.Add(item);
        }

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

    /// <summary>The highest-scoring variant pair of a group: the two wordings a reviewer should compare.</summary>
    private static (Item, Item) BestPair(List<(Item A, Item B, double Score)> pairs, DisjointSets sets, int root)
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
