namespace ClaimCompare.Core.Comparison;

/// <summary>
/// Single-source findings of one aligner, built only for the ones that can survive
/// <see cref="ComparisonOptions.MaxFindingsPerDocument"/>: per document, the first ones in review order (all single-source
/// findings have the same rank and confidence, so by topic, then position). One huge document with a hundred thousand
/// figures then costs a hundred thousand topics, not a hundred thousand evidence sentences.
/// </summary>
/// <param name="perDocument">The bound per document; 0 for none.</param>
internal sealed class SingleSourceFindings(int perDocument)
{
    private readonly Dictionary<string, List<(string Topic, int Start, Func<Finding> Build)>> _byDocument = new(StringComparer.Ordinal);
    private readonly List<string> _order = [];

    public void Add(string document, string topic, int start, Func<Finding> build)
    {
        if (!_byDocument.TryGetValue(document, out var list))
        {
            _byDocument[document] = list = [];
            _order.Add(document);
        }

        list.Add((topic, start, build));
    }

    /// <summary>Builds the kept findings; <see cref="ClaimAligner"/> counts what the bound leaves out.</summary>
    /// <param name="findings">Receives the kept findings.</param>
    /// <returns>How many were left out per document.</returns>
    public Dictionary<string, long> EmitTo(List<Finding> findings)
    {
        var dropped = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var document in _order)
        {
            var list = _byDocument[document];
            if (perDocument > 0 && list.Count > perDocument)
            {
                list.Sort(static (x, y) =>
                {
                    var c = string.CompareOrdinal(x.Topic, y.Topic);
                    return c != 0 ? c : x.Start.CompareTo(y.Start);
                });
                dropped[document] = list.Count - perDocument;
                list.RemoveRange(perDocument, list.Count - perDocument);
            }

            foreach (var (_, _, build) in list)
            {
                findings.Add(build());
            }
        }

        return dropped;
    }
}
