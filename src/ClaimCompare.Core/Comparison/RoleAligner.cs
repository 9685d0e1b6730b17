using System.Runtime.InteropServices;
using ClaimCompare.Core.Claims;

namespace ClaimCompare.Core.Comparison;

/// <summary>Finds one person given incompatible titles by different sources.</summary>
/// <remarks>
/// A title is split into its rank words (deputy, assistant, acting, ...) and its head ("secretary of
/// state"), after dropping nationality and organisation qualifiers. Two titles conflict only when they
/// share the head and differ in rank: "deputy secretary of state" against "assistant secretary of state",
/// or "foreign minister" against "deputy foreign minister". Titles with different heads ("NATO chief" and
/// "secretary-general") are not compared: they are often two descriptions of one office, and a false
/// conflict costs a reviewer more than a missed one.
/// </remarks>
internal sealed class RoleAligner
{
    private static readonly HashSet<string> Ranks = new(StringComparer.Ordinal)
    {
        "deputy", "assistant", "under", "acting", "vice", "associate", "principal", "senior", "junior", "first", "second", "chief", "interim", "former", "lieutenant",
    };

    private static readonly HashSet<string> Qualifiers = new(StringComparer.Ordinal)
    {
        "the", "a", "an", "us", "u.s.", "american", "russian", "russia's", "ukrainian", "british", "uk", "nato", "eu", "kremlin", "white", "house", "then",
    };

    public static void Align(IReadOnlyList<DocumentClaims> documents, List<Finding> findings, PassageLinks links, bool fold, CancellationToken cancellationToken = default)
    {
        var byPerson = new Dictionary<string, List<(DocumentClaims Document, PersonMention Mention, HashSet<string> Rank, string Head)>>(StringComparer.Ordinal);
        foreach (var document in documents)
        {
            cancellationToken.ThrowIfCancellationRequested();
            foreach (var mention in document.People)
            {
                if (mention.Role is not { Length: > 0 } role || Parse(role) is not { } parsed)
                {
                    continue;
                }

                if (parsed.Rank.Contains("former"))
                {
                    continue;
                }

                var key = SpeakerKey.Of(mention.Name);
                if (!byPerson.TryGetValue(key, out var list))
                {
                    byPerson[key] = list = [];
                }

                list.Add((document, mention, parsed.Rank, parsed.Head));
            }
        }

        foreach (var mentions in byPerson.Values)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var conflictingHeads = ConflictingHeads(mentions);
            foreach (var head in conflictingHeads)
            {
                // One evidence entry per role and document, or, when folding, per role in near-duplicate sentences.
                var evidence = new List<Evidence>();
                var entries = new Dictionary<(string Role, string Where), int>();
                var copies = new List<List<EvidenceCopy>?>();
                var roles = new List<string>();
                var seen = new HashSet<(string, string)>();
                var name = mentions[0].Mention.Name;
                foreach (var (document, mention, _, mentionHead) in Sorted(mentions))
                {
                    if (mentionHead != head || document.Source is null || !seen.Add((document.Document, mention.Role!)))
                    {
                        continue;
                    }

                    var root = fold ? links.RootOf(document.Document, mention.PassageIndex) : -1;
                    var where = root >= 0 ? "#" + root.ToString(System.Globalization.CultureInfo.InvariantCulture) : document.Document;
                    if (entries.TryGetValue((mention.Role!, where), out var at))
                    {
                        (copies[at] ??= []).Add(new EvidenceCopy(document.Document, mention.Start, mention.End));
                        continue;
                    }

                    if (mention.Name.Length > name.Length)
                    {
                        name = mention.Name;
                    }

                    if (!roles.Contains(mention.Role!))
                    {
                        roles.Add(mention.Role!);
                    }

                    entries[(mention.Role!, where)] = evidence.Count;
                    evidence.Add(EvidenceBuilder.Build(document.Source, mention.Start, mention.End, mention.Role));
                    copies.Add(null);
                }

                for (var i = 0; i < evidence.Count; i++)
                {
                    if (copies[i] is { } list)
                    {
                        evidence[i] = evidence[i] with { Copies = list };
                    }
                }

                // The topic names the roles in a fixed order, whichever source came first: it identifies the conflict.
                var ordered = new List<string>(roles);
                ordered.Sort(StringComparer.OrdinalIgnoreCase);
                findings.Add(new Finding(FindingKind.RoleConflict, $"{name}: {string.Join(" / ", ordered)}", 0.9, evidence)
                {
                    Explanation = $"Sources give {name} different ranks of one title: {string.Join(", ", roles)}.",
                });
            }
        }
    }

    /// <summary>
    /// The heads (titles without rank) under which two documents give one person different ranks. Mentions are grouped by
    /// head, rank and first initial first, so a person named a thousand times costs a few comparisons of groups, not a
    /// million of mentions.
    /// </summary>
    private static SortedSet<string> ConflictingHeads(List<(DocumentClaims Document, PersonMention Mention, HashSet<string> Rank, string Head)> mentions)
    {
        // head -> rank signature -> first initial ('\0' when none) -> documents
        var groups = new Dictionary<string, Dictionary<string, Dictionary<char, HashSet<string>>>>(StringComparer.Ordinal);
        foreach (var (document, mention, rank, head) in mentions)
        {
            var ranks = new List<string>(rank);
            ranks.Sort(StringComparer.Ordinal);
            var signature = string.Join(' ', ranks);
            var byRank = CollectionsMarshal.GetValueRefOrAddDefault(groups, head, out _) ??= new(StringComparer.Ordinal);
            var byInitial = CollectionsMarshal.GetValueRefOrAddDefault(byRank, signature, out _) ??= [];
            var initial = SpeakerKey.FirstInitial(mention.Name) ?? '\0';
            (CollectionsMarshal.GetValueRefOrAddDefault(byInitial, initial, out _) ??= new(StringComparer.Ordinal)).Add(document.Document);
        }

        var conflicting = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var (head, byRank) in groups)
        {
            var signatures = new List<Dictionary<char, HashSet<string>>>(byRank.Values);
            for (var i = 0; i < signatures.Count && !conflicting.Contains(head); i++)
            {
                for (var j = i + 1; j < signatures.Count && !conflicting.Contains(head); j++)
                {
                    foreach (var (x, documentsX) in signatures[i])
                    {
                        foreach (var (y, documentsY) in signatures[j])
                        {
                            if ((x == '\0' || y == '\0' || x == y) && InDifferentDocuments(documentsX, documentsY))
                            {
                                conflicting.Add(head);
                            }
                        }
                    }
                }
            }
        }

        return conflicting;
    }

    private static bool InDifferentDocuments(HashSet<string> a, HashSet<string> b) =>
        a.Count > 1 || b.Count > 1 || !a.SetEquals(b);

    private static List<(DocumentClaims Document, PersonMention Mention, HashSet<string> Rank, string Head)> Sorted(
        List<(DocumentClaims Document, PersonMention Mention, HashSet<string> Rank, string Head)> mentions)
    {
        var sorted = new List<(DocumentClaims Document, PersonMention Mention, HashSet<string> Rank, string Head)>(mentions);
        sorted.Sort((x, y) =>
        {
            var byDocument = string.CompareOrdinal(x.Document.Document, y.Document.Document);
            return byDocument != 0 ? byDocument : x.Mention.Start.CompareTo(y.Mention.Start);
        });
        return sorted;
    }

    /// <summary>Splits a normalised role into rank words and head; null when nothing is left.</summary>
    internal static (HashSet<string> Rank, string Head)? Parse(string role)
    {
        var rank = new HashSet<string>(StringComparer.Ordinal);
        var head = new List<string>();
        foreach (var raw in role.ToLowerInvariant().Replace('-', ' ').Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            if (Ranks.Contains(raw))
            {
                rank.Add(raw);
            }
            else if (!Qualifiers.Contains(raw))
            {
                head.Add(raw);
            }
        }

        return head.Count == 0 ? null : (rank, string.Join(' ', head));
    }
}
