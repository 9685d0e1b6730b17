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

    /// <summary>Section titles in report order.</summary>
    public static readonly (Comparison.FindingKind Kind, string Title)[] Sections =
    [
        (Comparison.FindingKind.Conflict, "Conflicts"),
        (Comparison.FindingKind.RoleConflict, "Role conflicts"),
        (Comparison.FindingKind.QuoteVariant, "Quote variants"),
        (Comparison.FindingKind.Agree, "Agreements"),
        (Comparison.FindingKind.SingleSource, "Single-source claims"),
    ];
}
