namespace ClaimCompare.Core.Claims;

/// <summary>Which documents belong together (one story, or linked by near-duplicate passages), so that people's names
/// may be merged across them. Documents never linked stay on their own.</summary>
/// <remarks>Union-find over document ids with path halving: linking and looking up are near-constant time, so
/// building the groups from every near-duplicate link is linear in the links.</remarks>
public sealed class DocumentGroups
{
    private readonly Dictionary<string, string> _parent = new(StringComparer.Ordinal);

    /// <summary>Records that documents <paramref name="a"/> and <paramref name="b"/> belong together.</summary>
    /// <param name="a">A document id.</param>
    /// <param name="b">Another document id (the same id is allowed and changes nothing).</param>
    /// <exception cref="ArgumentNullException">An id is null.</exception>
    public void Link(string a, string b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        var ra = Find(a);
        var rb = Find(b);
        if (ra == rb)
        {
            return;
        }

        // The ordinally smaller root wins, so the groups do not depend on the order of the links.
        if (string.CompareOrdinal(ra, rb) < 0)
        {
            _parent[rb] = ra;
        }
        else
        {
            _parent[ra] = rb;
        }
    }

    /// <summary>The group of <paramref name="id"/>: an id shared by every document linked to it (itself when unlinked).</summary>
    /// <param name="id">A document id.</param>
    /// <returns>The group's representative id.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="id"/> is null.</exception>
    public string GroupOf(string id)
    {
        ArgumentNullException.ThrowIfNull(id);
        return Find(id);
    }

    private string Find(string id)
    {
        var current = id;
        while (_parent.TryGetValue(current, out var parent) && parent != current)
        {
            if (_parent.TryGetValue(parent, out var grand))
            {
                _parent[current] = grand;
            }

            current = parent;
        }

        return current;
    }
}
