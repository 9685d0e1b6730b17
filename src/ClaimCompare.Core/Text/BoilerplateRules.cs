using System.Text.RegularExpressions;

namespace ClaimCompare.Core.Text;

/// <summary>Every boilerplate rule of the text pipeline, with the reason it reports.</summary>
/// <remarks>
/// <para>The rules run on NORMALISED lines (straight quotes, "-" for every dash, "..." for …, single
/// spaces), so a pattern never has to spell out typographic variants. They describe the shape of a kind
/// of boilerplate, not the strings of one outlet, and are deliberately narrow: a rule that fires on body
/// text loses part of the story, while a missed teaser only adds a passage that will not match anything.</para>
/// <para>All patterns are anchored or bounded (no nested unbounded quantifiers), so they run in time
/// linear in the line whatever it contains.</para>
/// </remarks>
internal static partial class BoilerplateRules
{
    /// <summary>Matches a whole line (already trimmed, normalised).</summary>
    internal delegate bool LineMatcher(ReadOnlySpan<char> line);

    /// <summary>A rule that removes a whole line.</summary>
    /// <param name="Reason">One of <see cref="BoilerplateReasons"/>.</param>
    /// <param name="Why">What the rule recognises, for readers of this file and of test failures.</param>
    /// <param name="Matches">The test.</param>
    internal sealed record LineRule(string Reason, string Why, LineMatcher Matches);

    /// <summary>Longer runs of punctuation are not dividers; they stay as passages rather than vanish.</summary>
    internal const int MaxSeparatorLength = 80;

    /// <summary>Whole-line rules, tried in order on every line; the first that matches removes the line.</summary>
    internal static readonly LineRule[] WholeLineRules =
    [
        new(BoilerplateReasons.Separator,
            "a short line with no letter or digit: a divider such as *** or ---",
            static line => line.Length <= MaxSeparatorLength && !ContainsLetterOrDigit(line)),
        new(BoilerplateReasons.PageLabel,
            "a scraper's page label alone on a line: 'Image', 'Photo', 'Video', 'Advertisement', 'Supported by', 'Share', 'Listen to this article'",
            static line => line.Length <= 40 && PageLabel().IsMatch(line)),
        new(BoilerplateReasons.Teaser,
            "a link to another story: 'Read more:', 'Read also:', 'Related Article:', 'Related:', 'See also:', or an all-caps 'READ MORE' / 'ALSO READ' label",
            static line => line.Length <= 400 && (Teaser().IsMatch(line) || TeaserCaps().IsMatch(line))),
        new(BoilerplateReasons.VideoPrompt,
            "a player prompt: a bracketed line about a video, or 'Click here to watch ...'",
            static line => line.Length <= 400 && VideoPrompt().IsMatch(line)),
        new(BoilerplateReasons.PhotoCredit,
            "a credit line on its own: 'Credit: ...', 'Photo: ...', 'Photo by ...', '(AP Photo/...)'",
            static line => line.Length <= 200 && PhotoCreditLine().IsMatch(line)),
        new(BoilerplateReasons.ContributorLine,
            "a note on who reported: 'X contributed reporting.', 'X contributed to this report.', 'Information for this article was contributed by ...', 'Reporting by ...; Editing by ...'",
            static line => line.Length <= 600 && (ContributedBy().IsMatch(line) || (line.Contains("contribut", StringComparison.OrdinalIgnoreCase) && Contributed().IsMatch(line)))),
    ];

    /// <summary>
    /// "More Stories", "Related Stories", "Most Read", "You may also like": the marker of a block of links
    /// to other stories; the marker and the short lines under it are removed (reason <see cref="BoilerplateReasons.MoreStories"/>).
    /// </summary>
    internal static bool IsMoreStoriesMarker(ReadOnlySpan<char> line) => line.Length <= 60 && MoreStoriesMarker().IsMatch(line);

    /// <summary>A line under a "More Stories" marker is one of its headlines unless it is long enough to be body text.</summary>
    internal const int MaxMoreStoriesHeadlineLength = 300;

    /// <summary>
    /// A contributor note at the very end of a story, where notes that look like reporting are safe to take out:
    /// a last line "Anton Troianovski reported from Moscow, and Steven Erlanger from Brussels.", or a last sentence
    /// "Reuters contributed to this report." run into the final paragraph. Returns where the note starts in
    /// <paramref name="line"/>, or -1 (reason <see cref="BoilerplateReasons.ContributorLine"/>).
    /// </summary>
    internal static int FindTrailingContributorNote(ReadOnlySpan<char> line)
    {
        if (line.Length <= 300 && ReportedFrom().IsMatch(line))
        {
            return 0;
        }

        if (!line.Contains("contribut", StringComparison.OrdinalIgnoreCase))
        {
            return -1;
        }

        foreach (var match in ContributedSentence().EnumerateMatches(line))
        {
            return match.Index;
        }

        return -1;
    }

    /// <summary>"By Jane Doe" / "By Jane Doe and John Roe" in the first lines (reason <see cref="BoilerplateReasons.Byline"/>).</summary>
    internal static bool IsLeadingByline(ReadOnlySpan<char> line) => line.Length <= 100 && LeadingByline().IsMatch(line);

    /// <summary>
    /// A short last line that is only a name ("Christi C. Elwood"): capitalised words, initials and name
    /// particles, two to six tokens (reason <see cref="BoilerplateReasons.Byline"/>).
    /// </summary>
    internal static bool IsTrailingByline(ReadOnlySpan<char> line) => line.Length <= 60 && NameOnly().IsMatch(line);

    /// <summary>
    /// A credit glued to the end of a caption or sentence, NYT style: "...Ukraine.CreditCredit...Pool photo by
    /// Olivier Hoslet". Returns where the credit starts, or -1 (reason <see cref="BoilerplateReasons.PhotoCredit"/>).
    /// </summary>
    internal static int FindTrailingCredit(ReadOnlySpan<char> line)
    {
        if (!line.Contains("Credit", StringComparison.Ordinal))
        {
            return -1;
        }

        foreach (var match in TrailingCredit().EnumerateMatches(line))
        {
            return match.Index;
        }

        return -1;
    }

    /// <summary>
    /// The scraper's date prefix, "date 2022-01-13 " (also "published:", "updated"): returns its length and the date,
    /// or 0 (reason <see cref="BoilerplateReasons.Dateline"/>).
    /// </summary>
    internal static int MatchDatePrefix(ReadOnlySpan<char> line, out DateOnly? date)
    {
        date = null;
        foreach (var match in DatePrefix().EnumerateMatches(line))
        {
            var text = line.Slice(match.Index, match.Length);
            var digits = text.IndexOfAnyInRange('0', '9');
            if (digits >= 0 && text.Length - digits >= 10 && DateOnly.TryParseExact(text.Slice(digits, 10), "yyyy-MM-dd", out var parsed))
            {
                date = parsed;
            }

            return match.Length;
        }

        return 0;
    }

    /// <summary>
    /// A line near the top that is only a date, possibly with a time: "Jan. 12, 2022", "January 12, 2022 at 9:30 a.m. ET",
    /// "12 January 2022", "Updated: 2022-01-12". Returns whether it is one, and the date when it parses
    /// (reason <see cref="BoilerplateReasons.Dateline"/>).
    /// </summary>
    internal static bool IsDateLine(ReadOnlySpan<char> line, out DateOnly? date)
    {
        date = null;
        if (line.Length > 60)
        {
            return false;
        }

        var match = DateLine().Match(line.ToString());
        if (!match.Success)
        {
            return false;
        }

        if (match.Groups["iso"].Success)
        {
            date = DateOnly.TryParseExact(match.Groups["iso"].ValueSpan, "yyyy-MM-dd", out var iso) ? iso : null;
            return true;
        }

        var month = MonthNumber(match.Groups["month"].ValueSpan);
        var day = int.Parse(match.Groups["day"].ValueSpan, System.Globalization.CultureInfo.InvariantCulture);
        var year = int.Parse(match.Groups["year"].ValueSpan, System.Globalization.CultureInfo.InvariantCulture);
        if (month > 0 && year >= 1 && day >= 1 && day <= DateTime.DaysInMonth(year, month))
        {
            date = new DateOnly(year, month, day);
        }

        return true;
    }

    private static int MonthNumber(ReadOnlySpan<char> name)
    {
        ReadOnlySpan<string> months = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];
        for (var i = 0; i < months.Length; i++)
        {
            if (name.StartsWith(months[i], StringComparison.OrdinalIgnoreCase))
            {
                return i + 1;
            }
        }

        return 0;
    }

    /// <summary>
    /// A wire-style dateline at the start of a body paragraph: a city in capitals, optionally a region, a date
    /// and an agency, then a dash: "BRUSSELS --", "BRUSSELS -" (an en dash before normalisation),
    /// "KYIV, Ukraine (AP) -", "MOSCOW, Jan 12 (Reuters) -". Returns its length without the space after the dash, or 0
    /// (reason <see cref="BoilerplateReasons.Dateline"/>).
    /// </summary>
    internal static int MatchWireDateline(ReadOnlySpan<char> line)
    {
        foreach (var match in WireDateline().EnumerateMatches(line))
        {
            return match.Length;
        }

        return 0;
    }

    private static bool ContainsLetterOrDigit(ReadOnlySpan<char> line)
    {
        foreach (var c in line)
        {
            if (char.IsLetterOrDigit(c))
            {
                return true;
            }
        }

        return false;
    }

    [GeneratedRegex(@"^(?:image|photo|video|advertisement|supported by|share|share this article|listen to this article|continue reading the main story|skip to content)$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex PageLabel();

    [GeneratedRegex(@"^(?:(?:published|updated|posted)\s?:?\s?)?(?:(?<iso>\d{4}-\d{2}-\d{2})|(?:(?:mon|tues?|wed(?:nes)?|thu(?:rs)?|fri|sat(?:ur)?|sun)[a-z]{0,3}\.?,? )?(?:(?<month>jan|feb|mar|apr|may|jun|jul|aug|sept?|oct|nov|dec)[a-z]{0,6}\.? (?<day>\d{1,2}),? (?<year>\d{4})|(?<day>\d{1,2}) (?<month>jan|feb|mar|apr|may|jun|jul|aug|sept?|oct|nov|dec)[a-z]{0,6}\.?,? (?<year>\d{4})))(?:,? (?:at )?\d{1,2}[:.]\d{2}(?: ?[ap]\.?m\.?)?(?: [a-z]{2,4})?)?$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture)]
    private static partial Regex DateLine();

    [GeneratedRegex(@"^(?:read (?:more|also|next|this)|also read|(?:see|read) also|related(?: (?:article|articles|story|stories|coverage|content|reading|news|video|link|links))?|more on this(?: story)?|recommended(?: reading)?|must read|don't miss)\s*[:|>]", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Teaser();

    [GeneratedRegex(@"^(?:READ MORE|ALSO READ|READ ALSO|RELATED|SEE ALSO|MUST READ)\b\s*[-:|>]?\s*\S", RegexOptions.CultureInvariant)]
    private static partial Regex TeaserCaps();

    [GeneratedRegex(@"^\[?\s*(?:(?:video|watch)\b[^\]]{0,200}?\b(?:click|tap) here|(?:click|tap) here to (?:watch|view|see|play)\b)[^\]]{0,300}\]?$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex VideoPrompt();

    [GeneratedRegex(@"^(?:(?:credit|photo(?:graph)?s?|image|picture)(?: credit)?\s*(?::|\.\.\.)\s*\S|(?:photo(?:graph)?|image|picture)s? (?:by|courtesy of) \S|\((?:AP|AFP|Reuters|Getty|EPA|Bloomberg)[^)]{0,80}\)$)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex PhotoCreditLine();

    [GeneratedRegex(@"^(?:information for this article was contributed by|additional reporting by|(?:reporting|writing|editing) by \p{Lu}[^.;]{0,120}(?:;|$))", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex ContributedBy();

    [GeneratedRegex(@"^[^.!?]{1,250}\bcontributed (?:reporting|to this (?:report|story|article))\b[^.!?]{0,200}[.]?$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Contributed();

    [GeneratedRegex(@"^\p{Lu}[\p{L}'.-]+(?: \p{Lu}[\p{L}'.-]+){1,3} (?:reported|contributed reporting) from \p{Lu}[^.!?]{0,100}\.$", RegexOptions.CultureInvariant)]
    private static partial Regex ReportedFrom();

    [GeneratedRegex(@"(?<=[.!?""] )[^.!?]{1,150}\bcontributed (?:reporting|to this (?:report|story|article))\b[^.!?]{0,150}\.$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex ContributedSentence();

    [GeneratedRegex(@"^(?:(?:more|related|top|latest|recommended|trending|popular|other) (?:stories|news|articles|reads|headlines|videos)|most (?:read|popular|viewed|shared)|you (?:may|might) also like|recommended for you|what to read next|read next)\s*:?$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex MoreStoriesMarker();

    [GeneratedRegex(@"^By \p{Lu}[\p{L}'.-]*(?:,? (?:and |& )?(?:\p{Lu}[\p{L}'.-]*|de|da|del|der|den|van|von|la|le|al|bin|ibn|dos|du)){1,8}$", RegexOptions.CultureInvariant)]
    private static partial Regex LeadingByline();

    [GeneratedRegex(@"^\p{Lu}[\p{L}'-]*\.?(?: (?:\p{Lu}[\p{L}'-]*\.?|de|da|del|der|den|van|von|la|le|al|bin|ibn|dos|du)){1,5}$", RegexOptions.CultureInvariant)]
    private static partial Regex NameOnly();

    [GeneratedRegex(@"(?<=^|[.!?""')\s])(?:Credit){1,2}\s?(?:\.\.\.|:)\s?\S.{0,150}$", RegexOptions.CultureInvariant)]
    private static partial Regex TrailingCredit();

    [GeneratedRegex(@"^(?:date|dateline|published|updated|posted)\s?:?\s?\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2})?(?:\.\d{1,7})?(?:Z|[+-]\d{2}:?\d{2})?)?(?= |$)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex DatePrefix();

    [GeneratedRegex(@"^\p{Lu}[\p{Lu}.'-]{2,}(?: \p{Lu}[\p{Lu}.'-]+){0,3}(?:, \p{Lu}[\p{L}.'-]*(?: \p{Lu}[\p{L}.'-]*){0,2})?(?:,? \p{Lu}\p{Ll}{2,8}\.? \d{1,2})?(?: \([\p{L}. ]{1,30}\))? ?--?(?= [""'(\p{Lu}\d])", RegexOptions.CultureInvariant)]
    private static partial Regex WireDateline();
}
