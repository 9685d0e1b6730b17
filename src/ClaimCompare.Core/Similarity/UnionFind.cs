namespace ClaimCompare.Core.Similarity;

/// <summary>Disjoint sets over 0..n-1 with path halving and union by size.</summary>
internal sealed class UnionFind
{
    private readonly int[] _parent;
    private readonly int[] _size;

    public UnionFind(int count)
    {
        _parent = new int[count];
        _size = new int[count];
        for (var i = 0; i < count; i++)
        {
            _parent[i] = i;
            _size[i] = 1;
        }
    }

    public int Find(int x)
    {
        while (_parent[x] != x)
        {
            _parent[x] = _parent[_parent[x]];
            x = _parent[x];
        }

        return x;
    }

    public void Union(int a, int b)
    {
        var ra = Find(a);
        var rb = Find(b);
        if (ra == rb)
        {
            return;
        }

        if (_size[ra] < _size[rb])
        {
            (ra, rb) = (rb, ra);
        }

        _parent[rb] = ra;
        _size[ra] += _size[rb];
    }

    /// <summary>Groups <paramref name="items"/> by the set their index belongs to, keyed by the set's root.</summary>
    public Dictionary<int, List<T>> Groups<T>(IEnumerable<T> items, Func<T, int> indexOf)
    {
        var groups = new Dictionary<int, List<T>>();
        foreach (var item in items)
        {
            var root = Find(indexOf(item));
            if (!groups.TryGetValue(root, out var list))
            {
                groups[root] = list = [];
            }

            list.Add(item);
        }

        return groups;
    }
}
