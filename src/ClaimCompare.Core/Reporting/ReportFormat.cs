namespace ClaimCompare.Core.Reporting;

/// <summary>Renders a <see cref="ComparisonReport"/> to text.</summary>
public interface IReportRenderer
{
    /// <summary>Writes <paramref name="report"/> to <paramref name="output"/>.</summary>
    /// <param name="report">The report.</param>
    /// <param name="output">Where to write; not closed.</param>
    void Render(ComparisonReport report, TextWriter output);
}

/// <summary>Shared formatting helpers for the renderers.</summary>
internal static class ReportText
{
    public static string Percent(double share) =>
        (share * 100).ToString("0", System.Globalization.CultureInfo.InvariantCulture) + "%";

    public static string Score(double value) =>
        value.ToString("0.00", System.Globalization.CultureInfo.InvariantCulture);

    public static string Date(DateOnly? date) =>
        date?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) ?? "undated";

    /// <summary>Collapses all runs of white space to one space, so a passage fits on one line.</summary>
    public static string OneLine(string text)
    {
        var builder = new System.Text.StringBuilder(text.Length);
        var space = false;
        foreach (var c in text)
        {
            if (char.IsWhiteSpace(c))
            {
                space = builder.Length > 0;
                continue;
            }

            if (space)
            {
                builder.Append(' ');
                space = false;
            }

            builder.Append(c);
        }

        return builder.ToString();
    }

    /// <summary>
    /// Renders a word diff on one line: equal text as is, changed words wrapped by <paramref name="deleted"/>
    /// and <paramref name="inserted"/>, with the white space around them kept outside the markers.
    /// </summary>
    public static string MarkDiff(IReadOnlyList<Similarity.DiffSegment> diff, Func<string, string> deleted, Func<string, string> inserted, Func<string, string> plain)
    {
        var builder = new System.Text.StringBuilder();
        foreach (var segment in diff)
        {
            var text = segment.Text;
            var core = text.Trim();
            if (core.Length == 0 || segment.Kind == Similarity.DiffKind.Equal)
            {
                builder.Append(plain(text));
                continue;
            }

            var lead = text[..text.IndexOf(core, StringComparison.Ordinal)];
            var trail = text[(lead.Length + core.Length)..];
            builder.Append(lead).Append(segment.Kind == Similarity.DiffKind.Deleted ? deleted(plain(core)) : inserted(plain(core))).Append(trail);
        }

        return OneLine(builder.ToString());
    }

    /// <summary>
    /// Renders an evidence sentence on one line with its claim wrapped by <paramref name="mark"/>; every
    /// piece of text passes through <paramref name="plain"/> (escaping). A claim outside the sentence
    /// leaves the sentence unmarked.
    /// </summary>
    public static string MarkClaim(Comparison.Evidence evidence, Func<string, string> mark, Func<string, string> plain)
    {
        var sentence = evidence.Sentence.Text;
        var from = evidence.Claim.Start - evidence.Sentence.Start;
        var to = evidence.Claim.End - evidence.Sentence.Start;
        if (from < 0 || to > sentence.Length || from >= to)
        {
            return plain(OneLine(sentence));
        }

        return plain(OneLine(sentence[..from])) + (from > 0 && char.IsWhiteSpace(sentence[from - 1]) ? " " : "")
            + mark(plain(OneLine(sentence[from..to])))
            + (to < sentence.Length && char.IsWhiteSpace(sentence[to]) ? " " : "")
            + plain(OneLine(sentence[to..]));
    }

    /// <summary>The <paramref name="count"/> largest clusters (most members, then cluster order), in that order.</summary>
    public static List<Similarity.PassageCluster> Largest(IReadOnlyList<Similarity.PassageCluster> clusters, int count)
    {
        var list = new List<Similarity.PassageCluster>(clusters);
        list.Sort(static (x, y) => x.Members.Count != y.Members.Count ? y.Members.Count.CompareTo(x.Members.Count) : x.Id.CompareTo(y.Id));
        if (list.Count > count)
        {
            list.RemoveRange(count, list.Count - count);
        }

        return list;
    }

    /// <summary>Section titles in report order.</summary>
    public static readonly (Comparison.FindingKind Kind, string Title)[] Sections =
    [
        (Comparison.FindingKind.Conflict, "Conflicts"),
        (Comparison.FindingKind.RoleConflict, "Role conflicts"),
        (Comparison.FindingKind.QuoteVariant, "Quote variants"),
        (Comparison.FindingKind.Update, "Timelines (a figure that changed between reports)"),
        (Comparison.FindingKind.Agree, "Agreements"),
        (Comparison.FindingKind.SingleSource, "Single-source claims"),
    ];
}
