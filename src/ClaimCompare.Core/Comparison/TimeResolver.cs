using System.Globalization;
using System.Text.RegularExpressions;

namespace ClaimCompare.Core.Comparison;

/// <summary>
/// Resolves the time expressions of a clause against its document's date: "in December", "last year", "the fourth
/// quarter", "in 1973", "on Tuesday", "yesterday", "April 25".
/// </summary>
/// <remarks>
/// A period without a year is the latest one that does not begin after the document's date ("the fourth quarter" in a
/// report of 30 January 2004 is 2003-Q4; "in December" in one of 20 January 2017 is 2016-12). A time named right after a
/// verb of saying ("said on Saturday", "said Thursday") dates the report, not the figure, and is returned separately. The
/// expressions "since 2001" and "a month ago" are comparisons, not the figure's time. Linear in the clause's length.
/// </remarks>
public static partial class TimeResolver
{
    private static readonly string[] MonthNames =
        ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december"];

    /// <summary>The period a clause's figure refers to, and the day of the report when the clause dates it.</summary>
    /// <param name="clause">The words around the figure (its clause).</param>
    /// <param name="documentDate">The document's date; relative expressions stay unresolved without it.</param>
    /// <returns>The period (null when the clause names none) and the reported day (null when the clause does not say).</returns>
    public static (FrameTime? Time, DateOnly? Reported) Resolve(string clause, DateOnly? documentDate)
    {
        ArgumentNullException.ThrowIfNull(clause);
        FrameTime? time = null;
        DateOnly? reported = null;
        foreach (Match match in TimePattern().Matches(clause))
        {
            var said = IsAfterSaying(clause, match.Index);
            if (IsComparison(clause, match.Index))
            {
                continue;
            }

            var resolved = ResolveOne(match, documentDate);
            if (resolved is null)
            {
                continue;
            }

            if (said)
            {
                reported ??= resolved.Start;
                continue;
            }

            // The most specific period wins ("in the fourth quarter of 2004" over "2004").
            if (time is null || (resolved.End.DayNumber - resolved.Start.DayNumber) < (time.End.DayNumber - time.Start.DayNumber))
            {
                time = resolved;
            }
        }

        return (time, reported);
    }

    private static FrameTime? ResolveOne(Match match, DateOnly? date)
    {
        var g = match.Groups;
        int? year = g["year"].Success ? int.Parse(g["year"].Value, CultureInfo.InvariantCulture) : null;
        if (g["quarter"].Success)
        {
            var quarter = QuarterOf(g["quarter"].Value);
            year ??= LatestYear(date, new DateOnly(2000, ((quarter - 1) * 3) + 1, 1));
            return year is { } y ? FrameTime.Quarter(y, quarter) : null;
        }

        if (g["month"].Success)
        {
            var month = MonthOf(g["month"].Value);
            if (g["day"].Success && int.Parse(g["day"].Value, CultureInfo.InvariantCulture) is var day and >= 1 and <= 31)
            {
                year ??= LatestYear(date, new DateOnly(2000, month, Math.Min(day, 28)));
                return year is { } yd && day <= DateTime.DaysInMonth(yd, month) ? FrameTime.Day(new DateOnly(yd, month, day)) : null;
            }

            year ??= LatestYear(date, new DateOnly(2000, month, 1));
            return year is { } ym ? FrameTime.Month(ym, month) : null;
        }

        if (g["weekday"].Success)
        {
            if (date is not { } d)
            {
                return null;
            }

            var target = (DayOfWeek)Array.IndexOf(Enum.GetNames<DayOfWeek>(), CultureInfo.InvariantCulture.TextInfo.ToTitleCase(g["weekday"].Value.ToLowerInvariant()));
            var back = ((int)d.DayOfWeek - (int)target + 7) % 7;
            return FrameTime.Day(d.AddDays(-back));
        }

        if (g["relative"].Success && date is { } today)
        {
            return g["relative"].Value.ToLowerInvariant() switch
            {
                "yesterday" => FrameTime.Day(today.AddDays(-1)),
                "today" => FrameTime.Day(today),
                "last month" => FrameTime.Month(today.AddMonths(-1).Year, today.AddMonths(-1).Month),
                "this month" => FrameTime.Month(today.Year, today.Month),
                "last year" => FrameTime.Year(today.Year - 1),
                "this year" => FrameTime.Year(today.Year),
                "last week" => new FrameTime(today.AddDays(-7), today.AddDays(-1), "the week before " + today.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)),
                _ => null,
            };
        }

        return year is { } only && only is >= 1800 and <= 2100 ? FrameTime.Year(only) : null;
    }

    /// <summary>The year of the latest period starting on <paramref name="start"/>'s month and day that does not begin after <paramref name="date"/>.</summary>
    private static int? LatestYear(DateOnly? date, DateOnly start)
    {
        if (date is not { } d)
        {
            return null;
        }

        var candidate = new DateOnly(d.Year, start.Month, start.Day);
        return candidate <= d ? d.Year : d.Year - 1;
    }

    private static int QuarterOf(string word) => word.ToLowerInvariant() switch
    {
        "first" or "1" or "1st" => 1,
        "second" or "2" or "2nd" => 2,
        "third" or "3" or "3rd" => 3,
        _ => 4,
    };

    private static int MonthOf(string word)
    {
        var lower = word.ToLowerInvariant().TrimEnd('.');
        for (var i = 0; i < MonthNames.Length; i++)
        {
            if (MonthNames[i].StartsWith(lower, StringComparison.Ordinal))
            {
                return i + 1;
            }
        }

        return 1;
    }

    private static bool IsAfterSaying(string clause, int index) => SayingBefore().IsMatch(clause.AsSpan(0, index).ToString());

    private static bool IsComparison(string clause, int index)
    {
        var before = clause.AsSpan(0, index).TrimEnd();
        return before.EndsWith("since", StringComparison.OrdinalIgnoreCase)
            || before.EndsWith("from", StringComparison.OrdinalIgnoreCase)
            || before.EndsWith("until", StringComparison.OrdinalIgnoreCase)
            || before.EndsWith("before", StringComparison.OrdinalIgnoreCase);
    }

    [GeneratedRegex(@"\b(?:said|says|told|announced|reported|added)(?:\s+(?:on|late|early))?\s*$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex SayingBefore();

    [GeneratedRegex(
        @"\b(?:(?:the\s+)?(?<quarter>first|second|third|fourth|final|1st|2nd|3rd|4th)\s+quarter(?:\s+(?:of\s+)?(?<year>(?:19|20)\d\d))?"
        + @"|Q(?<quarter>[1-4])(?:\s+(?<year>(?:19|20)\d\d))?"
        + @"|final\s+three\s+months\s+of(?:\s+(?:the\s+year|last\s+year|(?<year>(?:19|20)\d\d)))?(?<quarter>)"
        + @"|October-December(?:\s+quarter)?(?<quarter>)"
        + @"|(?-i:(?<month>Jan(?:uary|\.)?|Feb(?:ruary|\.)?|March|Mar\.|April|Apr\.|May|June|July|Aug(?:ust|\.)?|Sept?(?:ember|\.)?|Oct(?:ober|\.)?|Nov(?:ember|\.)?|Dec(?:ember|\.)?))(?:\s+(?<day>\d{1,2})(?!\d))?(?:,?\s+(?<year>(?:19|20)\d\d))?"
        + @"|(?-i:(?<weekday>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday))"
        + @"|(?<relative>yesterday|today|last\s+month|this\s+month|last\s+year|this\s+year|last\s+week)"
        + @"|(?<year>(?:19|20)\d\d)(?![\d%-]|[,.]\d))\b",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture)]
    private static partial Regex TimePattern();
}
