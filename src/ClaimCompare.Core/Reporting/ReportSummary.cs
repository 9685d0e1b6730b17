using ClaimCompare.Core.Comparison;
using ClaimCompare.Core.Similarity;

namespace ClaimCompare.Core.Reporting;

/// <summary>How much of a report the text, markdown and HTML renderers show; everything is always in the JSON.</summary>
/// <remarks>A reviewer reads a page, not a dump: at scale each list is cut to its most important entries and says how
/// many it left out. The JSON renderer ignores these limits.</remarks>
public sealed record RenderLimits
{
    /// <summary>The defaults.</summary>
    public static RenderLimits Default { get; } = new();

    /// <summary>Sources listed by name at the top; 25 by default.</summary>
    public int Sources { get; init; } = 25;

    /// <summary>Findings shown per kind (conflicts, role conflicts, quote variants, agreements); 25 by default.</summary>
    public int FindingsPerKind { get; init; } = 25;

    /// <summary>Single-source findings shown; 10 by default.</summary>
    public int SingleSource { get; init; } = 10;

    /// <summary>Wordings shown per finding; 8 by default.</summary>
    public int WordingsPerFinding { get; init; } = 8;

    /// <summary>Sources named per wording before "and N more"; 3 by default.</summary>
    public int NamesPerWording { get; init; } = 3;

    /// <summary>Near-duplicate clusters shown, largest first; 10 by default.</summary>
    public int Clusters { get; init; } = 10;

    /// <summary>Distinct wordings shown per cluster; 4 by default.</summary>
    public int WordingsPerCluster { get; init; } = 4;

    /// <summary>Copy groups and overlapping document pairs shown; 10 each by default.</summary>
    public int OverlapEntries { get; init; } = 10;

    /// <summary>Sources shown in full with their claims marked (HTML); 8 by default.</summary>
    public int SideBySide { get; init; } = 8;
}

/// <summary>Documents that are mostly a copy of one origin document.</summary>
/// <param name="Origin">The document copied from (the likely origin of each pair).</param>
/// <param name="Copies">The copies, in id order: documents at least half of whose text is found again in the origin.</param>
public sealed record CopyGroup(string Origin, IReadOnlyList<string> Copies);

/// <summary>The members of a near-duplicate cluster that print the same text: one line of a summary.</summary>
/// <param name="Text">The text as printed.</param>
/// <param name="Representative">The first member printing it (the cluster's representative for the first wording).</param>
/// <param name="Members">Every member printing it, in cluster order.</param>
public sealed record ClusterWording(string Text, ClusterMember Representative, IReadOnlyList<ClusterMember> Members);

/// <summary>Summaries the renderers share: copy groups, the top overlapping pairs, cluster wordings, source names.</summary>
public static class ReportSummary
{
    /// <summary>The least share of a document's text that must be found in another for it to count as that one's copy.</summary>
    public const double CopyShare = 0.5;

    /// <summary>
    /// Groups documents under the document they copy: a document belongs to the group of the other document of its
    /// overlap pair with the largest share of its text (at least <see cref="CopyShare"/>) when that one is the pair's
    /// likely origin (or, for two copies alike in date and share, the one whose id sorts first). Linear in the overlap list.
    /// </summary>
    /// <param name="overlap">The document overlap.</param>
    /// <returns>Groups, largest first, then by origin id.</returns>
    public static IReadOnlyList<CopyGroup> CopyGroups(IReadOnlyList<DocumentOverlap> overlap)
    {
        ArgumentNullException.ThrowIfNull(overlap);
        var best = new Dictionary<string, (string Origin, double Share)>(StringComparer.Ordinal);
        foreach (var pair in overlap)
        {
            // Copies alike in date and share: the document that sorts first stands for both, as a cluster's representative does.
            var origin = pair.LikelyOrigin ?? (pair.AShare == pair.BShare ? pair.A : null);
            if (origin is null)
            {
                continue;
            }

            var (copy, share) = string.Equals(origin, pair.A, StringComparison.Ordinal) ? (pair.B, pair.BShare) : (pair.A, pair.AShare);
            if (share >= CopyShare && (!best.TryGetValue(copy, out var current) || share > current.Share
                || (share == current.Share && string.CompareOrdinal(origin, current.Origin) < 0)))
            {
                best[copy] = (origin, share);
            }
        }

        var groups = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var (copy, (origin, _)) in best)
        {
            if (!groups.TryGetValue(origin, out var list))
            {
                groups[origin] = list = [];
            }

            list.Add(copy);
        }

        var result = new List<CopyGroup>(groups.Count);
        foreach (var (origin, copies) in groups)
        {
            copies.Sort(StringComparer.Ordinal);
            result.Add(new CopyGroup(origin, copies));
        }

        result.Sort(static (x, y) => x.Copies.Count != y.Copies.Count ? y.Copies.Count.CompareTo(x.Copies.Count) : string.CompareOrdinal(x.Origin, y.Origin));
        return result;
    }

    /// <summary>The <paramref name="count"/> document pairs that share the most: most shared passages, then the larger share, then ids.</summary>
    /// <param name="overlap">The document overlap.</param>
    /// <param name="count">How many to keep.</param>
    /// <returns>The top pairs, best first.</returns>
    public static IReadOnlyList<DocumentOverlap> TopPairs(IReadOnlyList<DocumentOverlap> overlap, int count)
    {
        ArgumentNullException.ThrowIfNull(overlap);
        var list = new List<DocumentOverlap>(overlap);
        list.Sort(static (x, y) =>
        {
            var c = y.SharedPassages.CompareTo(x.SharedPassages);
            if (c == 0)
            {
                c = Math.Max(y.AShare, y.BShare).CompareTo(Math.Max(x.AShare, x.BShare));
            }

            if (c == 0)
            {
                c = string.CompareOrdinal(x.A, y.A);
            }

            return c != 0 ? c : string.CompareOrdinal(x.B, y.B);
        });
        if (list.Count > count)
        {
            list.RemoveRange(count, list.Count - count);
        }

        return list;
    }

    /// <summary>A cluster's members grouped by the text they print, in order of first appearance (the representative's text first).</summary>
    /// <param name="cluster">A cluster.</param>
    /// <returns>One wording per distinct text.</returns>
    public static IReadOnlyList<ClusterWording> Wordings(PassageCluster cluster)
    {
        ArgumentNullException.ThrowIfNull(cluster);
        var byText = new Dictionary<string, List<ClusterMember>>(StringComparer.Ordinal);
        var order = new List<string>();
        foreach (var member in cluster.Members)
        {
            if (!byText.TryGetValue(member.Text, out var list))
            {
                byText[member.Text] = list = [];
                order.Add(member.Text);
            }

            list.Add(member);
        }

        var result = new List<ClusterWording>(order.Count);
        foreach (var text in order)
        {
            result.Add(new ClusterWording(text, byText[text][0], byText[text]));
        }

        return result;
    }

    /// <summary>The number of distinct documents in a cluster.</summary>
    public static int DocumentCount(PassageCluster cluster)
    {
        ArgumentNullException.ThrowIfNull(cluster);
        var documents = new HashSet<string>(StringComparer.Ordinal);
        foreach (var member in cluster.Members)
        {
            documents.Add(member.Document);
        }

        return documents.Count;
    }

    /// <summary>Each source's label (<see cref="ReportSource.Label"/>) by id.</summary>
    public static Dictionary<string, string> Labels(ComparisonReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var labels = new Dictionary<string, string>(report.Sources.Count, StringComparer.Ordinal);
        foreach (var source in report.Sources)
        {
            labels[source.Id] = source.Label;
        }

        return labels;
    }

    /// <summary>Each source's outlet by id, as a key that names one outlet however its documents print it (the site name of its address, else its name in lower case without "The"); sources without one are left out.</summary>
    public static Dictionary<string, string> Outlets(ComparisonReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var outlets = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var source in report.Sources)
        {
            // Keyed by site, so that an outlet's page ("The Global Herald") and its feed ("globalherald.example") count once.
            if (SourceCounter.OutletKey(source.Document) is { } outlet)
            {
                outlets[source.Id] = outlet;
            }
        }

        return outlets;
    }

    /// <summary>"N sources, M outlets, from D1 to D2": what the report covers, in one line.</summary>
    public static string Coverage(ComparisonReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var outlets = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        DateOnly? first = null, last = null;
        foreach (var source in report.Sources)
        {
            if (SourceCounter.OutletKey(source.Document) is { } outlet)
            {
                outlets.Add(outlet);
            }

            if (source.Document.Date is { } date)
            {
                first = first is null || date < first ? date : first;
                last = last is null || date > last ? date : last;
            }
        }

        var text = $"{report.Sources.Count} {Plural(report.Sources.Count, "source")}";
        if (outlets.Count > 0)
        {
            text += $" from {outlets.Count} {Plural(outlets.Count, "outlet")}";
        }

        if (first is { } from && last is { } to)
        {
            text += from == to ? $", {ReportText.Date(from)}" : $", {ReportText.Date(from)} to {ReportText.Date(to)}";
        }

        return text;
    }

    /// <summary>The distinct outlets among some documents.</summary>
    public static int OutletCount(IReadOnlyList<string> documents, Dictionary<string, string> outlets)
    {
        ArgumentNullException.ThrowIfNull(documents);
        ArgumentNullException.ThrowIfNull(outlets);
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var document in documents)
        {
            if (outlets.TryGetValue(document, out var outlet))
            {
                seen.Add(outlet);
            }
        }

        return seen.Count;
    }

    /// <summary>"a; b; c and 434 more": the first <paramref name="max"/> labels of some documents.</summary>
    public static string Names(IReadOnlyList<string> documents, Dictionary<string, string> labels, int max)
    {
        ArgumentNullException.ThrowIfNull(documents);
        ArgumentNullException.ThrowIfNull(labels);
        var shown = Math.Min(documents.Count, Math.Max(1, max));
        var parts = new List<string>(shown);
        for (var i = 0; i < shown; i++)
        {
            parts.Add(labels.GetValueOrDefault(documents[i]) ?? documents[i]);
        }

        var text = string.Join("; ", parts);
        return documents.Count > shown ? $"{text} and {documents.Count - shown} more" : text;
    }

    /// <summary>"1 source" / "2 sources".</summary>
    public static string Plural(long count, string noun) => count == 1 ? noun : noun + "s";

    /// <summary>"some 100,000 troops = [85,000, 115,000]: 437 sources (212 outlets)".</summary>
    public static string Wording(Evidence evidence, Dictionary<string, string> outlets)
    {
        ArgumentNullException.ThrowIfNull(evidence);
        var documents = evidence.Documents();
        var outletCount = OutletCount(documents, outlets ?? []);
        var text = $"{evidence.Value}: {documents.Count} {Plural(documents.Count, "source")}";
        return outletCount > 1 ? $"{text} ({outletCount} outlets)" : text;
    }
}
