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

    public static void Align(IReadOnlyList<DocumentClaims> documents, List<Finding> findings, CancellationToken cancellationToken = default)
    {
        var byPerson = new Dictionary<string, List<(DocumentClaims Document, PersonMention Mention, HashSet<string> Rank, string Head)>>(StringComparer.Ordinal);
        foreach (var document in documents)
        {
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
            var conflictingHeads = new HashSet<string>(StringComparer.Ordinal);
            for (var i = 0; i < mentions.Count; i++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                for (var j = i + 1; j < mentions.Count; j++)
                {
                    var a = mentions[i];
                    var b = mentions[j];
                    if (a.Document.Document != b.Document.Document && a.Head == b.Head && !a.Rank.SetEquals(b.Rank)
                        && SpeakerKey.Compatible(a.Mention.Name, b.Mention.Name))
                    {
                        conflictingHeads.Add(a.Head);
                    }
                }
            }

            foreach (var head in conflictingHeads)
            {
                var evidence = new List<Evidence>();
                var seen = new HashSet<(string, string)>();
                var roles = new List<string>();
                var name = mentions[0].Mention.Name;
                foreach (var (document, mention, _, mentionHead) in Sorted(mentions))
                {
                    if (mentionHead != head || document.Source is null || !seen.Add((document.Document, mention.Role!)))
                    {
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

                    evidence.Add(EvidenceBuilder.Build(document.Source, mention.Start, mention.End, mention.Role));
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
