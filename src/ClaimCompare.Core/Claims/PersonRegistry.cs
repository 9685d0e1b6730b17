namespace ClaimCompare.Core.Claims;

/// <summary>Merges the names of people across documents: "Vladimir Putin" in one and "Putin" in another,
/// "Aleksandr Grushko" and "Alexander Grushko".</summary>
/// <remarks>
/// <para>Names are grouped by surname (the last word, case-insensitively); within a surname, full names merge
/// when their first names match (<see cref="PersonRoleExtractor"/>'s rule: equal, an initial, or a FuzzySharp
/// ratio of at least 70 with the same first letter). A lone surname joins the surname's best-attested person.</para>
/// <para>The result does not depend on the order names were added: names are grouped longest first, then
/// ordinally, and a group's canonical name is its most frequent full variant (ties broken ordinally).</para>
/// </remarks>
public sealed class PersonRegistry
{
    private readonly Dictionary<string, int> _counts = new(StringComparer.Ordinal);
    private Dictionary<string, string>? _resolved;

    /// <summary>Records one mention of <paramref name="name"/>.</summary>
    /// <param name="name">A canonical name from one document; blank names are ignored.</param>
    /// <exception cref="ArgumentNullException"><paramref name="name"/> is null.</exception>
    public void Add(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        name = name.Trim();
        if (name.Length == 0)
        {
            return;
        }

        _counts[name] = _counts.GetValueOrDefault(name) + 1;
        _resolved = null;
    }

    /// <summary>Records every mention of <paramref name="mentions"/>.</summary>
    /// <param name="mentions">Person mentions, typically one document's.</param>
    /// <exception cref="ArgumentNullException"><paramref name="mentions"/> is null.</exception>
    public void AddRange(IEnumerable<PersonMention> mentions)
    {
        ArgumentNullException.ThrowIfNull(mentions);
        foreach (var m in mentions)
        {
            Add(m.Name);
        }
    }

    /// <summary>The canonical name the registry merges <paramref name="name"/> into; the name itself when unknown.</summary>
    /// <param name="name">A name that was added, or any other.</param>
    /// <returns>The group's canonical name.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="name"/> is null.</exception>
    public string Resolve(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        _resolved ??= Build();
        return _resolved.TryGetValue(name.Trim(), out var canonical) ? canonical : name;
    }

    /// <summary>The distinct canonical names, sorted ordinally.</summary>
    public IReadOnlyList<string> People
    {
        get
        {
            _resolved ??= Build();
            var set = new SortedSet<string>(_resolved.Values, StringComparer.Ordinal);
            return [.. set];
        }
    }

    /// <summary>Rewrites the names and speakers of <paramref name="documents"/>, which belong together (one story),
    /// to names shared across them.</summary>
    /// <param name="documents">Per-document claims of one story.</param>
    /// <returns>New claims, in the same order, with unified names.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="documents"/> is null.</exception>
    /// <remarks>A name the document gives in full (first name and surname) stays as the document gives it
    /// ("Vincent Cable" is not rewritten to another document's "Vince Cable"); only a name the document gives
    /// incompletely ("Mr Davies", "Davies") takes the full name of the person the related documents name.</remarks>
    public static IReadOnlyList<DocumentClaims> Unify(IReadOnlyList<DocumentClaims> documents)
    {
        ArgumentNullException.ThrowIfNull(documents);
        return Unify(documents, null);
    }

    /// <summary>Rewrites names as <see cref="Unify(IReadOnlyList{DocumentClaims})"/> does, but only across documents
    /// that <paramref name="groups"/> links; every other document keeps its own names.</summary>
    /// <param name="documents">Per-document claims.</param>
    /// <param name="groups">Which documents belong together; null means all of them do.</param>
    /// <returns>New claims, in the same order.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="documents"/> is null.</exception>
    public static IReadOnlyList<DocumentClaims> Unify(IReadOnlyList<DocumentClaims> documents, DocumentGroups? groups)
    {
        ArgumentNullException.ThrowIfNull(documents);
        var registries = new Dictionary<string, PersonRegistry>(StringComparer.Ordinal);
        foreach (var d in documents)
        {
            var key = groups?.GroupOf(d.Document) ?? string.Empty;
            if (!registries.TryGetValue(key, out var registry))
            {
                registry = new PersonRegistry();
                registries[key] = registry;
            }

            registry.AddRange(d.People);
        }

        var result = new List<DocumentClaims>(documents.Count);
        foreach (var d in documents)
        {
            var registry = registries[groups?.GroupOf(d.Document) ?? string.Empty];
            var people = new List<PersonMention>(d.People.Count);
            foreach (var m in d.People)
            {
                people.Add(m with { Name = Complete(registry, m.Name) });
            }

            var quotes = new List<Quote>(d.Quotes.Count);
            foreach (var q in d.Quotes)
            {
                quotes.Add(q.Speaker is null ? q : q with { Speaker = Complete(registry, q.Speaker) });
            }

            result.Add(d with { People = people, Quotes = quotes });
        }

        return result;
    }

    /// <summary>A full name as it is; a lone surname as the registry's full name for it.</summary>
    private static string Complete(PersonRegistry registry, string name) =>
        name.AsSpan().Trim().Contains(' ') ? name : registry.Resolve(name);

    private Dictionary<string, string> Build()
    {
        var names = new List<string>(_counts.Keys);
        names.Sort(static (a, b) =>
        {
            var byParts = PartCount(b).CompareTo(PartCount(a));
            return byParts != 0 ? byParts : string.CompareOrdinal(a, b);
        });

        var groups = new Dictionary<string, List<Group>>(StringComparer.Ordinal);
        var membership = new Dictionary<string, Group>(StringComparer.Ordinal);
        foreach (var name in names)
        {
            var parts = name.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            var surname = Words.Lower(parts[^1]);
            var first = parts.Length > 1 ? parts[0] : null;
            if (!groups.TryGetValue(surname, out var list))
            {
                list = [];
                groups[surname] = list;
            }

            Group? match = null;
            var scanned = 0;
            foreach (var g in list)
            {
                // Bounded so that thousands of first names for one surname stay linear.
                if (++scanned > 16)
                {
                    break;
                }

                if (first is null)
                {
                    match = match is null || g.Total > match.Total ? g : match;
                }
                else if (g.FirstName is null || PersonRoleExtractor.FirstNamesMatch(first, g.FirstName))
                {
                    match = g;
                    break;
                }
            }

            if (match is null)
            {
                match = new Group { FirstName = first };
                list.Add(match);
            }

            match.FirstName ??= first;
            match.Variants.Add((name, _counts[name], parts.Length));
            match.Total += _counts[name];
            membership[name] = match;
        }

        var resolved = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (name, group) in membership)
        {
            resolved[name] = group.Canonical();
        }

        return resolved;
    }

    private static int PartCount(string name)
    {
        var n = 1;
        foreach (var c in name)
        {
            if (c == ' ')
            {
                n++;
            }
        }

        return n;
    }

    private sealed class Group
    {
        public string? FirstName { get; set; }

        public int Total { get; set; }

        public List<(string Name, int Count, int Parts)> Variants { get; } = [];

        public string Canonical()
        {
            var best = Variants[0];
            foreach (var v in Variants)
            {
                var betterShape = (v.Parts > 1) != (best.Parts > 1) ? v.Parts > 1 : v.Count != best.Count ? v.Count > best.Count : string.CompareOrdinal(v.Name, best.Name) < 0;
                if (betterShape && v.Name != best.Name)
                {
                    best = v;
                }
            }

            return best.Name;
        }
    }
}
