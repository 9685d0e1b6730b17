namespace ClaimCompare.Core.Text;

/// <summary>The stable, machine-readable reasons a <see cref="RemovedSpan"/> can carry.</summary>
public static class BoilerplateReasons
{
    /// <summary>A link to another story: "READ MORE: ...", "Read Also: ...", "Related Article: ...", "ALSO READ ...".</summary>
    public const string Teaser = "teaser";

    /// <summary>A player prompt: "[Video not showing up above? Click here to watch ...]".</summary>
    public const string VideoPrompt = "video-prompt";

    /// <summary>A "More Stories" (or "Related Stories", "Most Read" ...) heading and the headlines under it.</summary>
    public const string MoreStories = "more-stories";

    /// <summary>A photo credit or caption credit: "Credit...Pool photo by Olivier Hoslet", "Photo: Reuters".</summary>
    public const string PhotoCredit = "photo-credit";

    /// <summary>A contributor note: "AFP contributed reporting.", "Information for this article was contributed by ...".</summary>
    public const string ContributorLine = "contributor-line";

    /// <summary>A byline: "By Jane Doe" near the top, or a name alone on the last line.</summary>
    public const string Byline = "byline";

    /// <summary>A dateline: the scraper's "date 2022-01-13" prefix, the wire style "BRUSSELS --" / "KYIV, Ukraine (AP) -",
    /// or a line near the top that is only a date ("Jan. 12, 2022", "Updated 12 January 2022").</summary>
    public const string Dateline = "dateline";

    /// <summary>A line that is only a page label left by the scraper: "Image", "Advertisement", "Supported by", "Share".</summary>
    public const string PageLabel = "page-label";

    /// <summary>A line with no letter or digit, such as "***" or "---".</summary>
    public const string Separator = "separator";
}
