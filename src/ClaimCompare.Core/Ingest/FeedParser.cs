using System.Globalization;
using System.ServiceModel.Syndication;
using System.Xml;

namespace ClaimCompare.Core.Ingest;

/// <summary>One item of a feed, read as an article.</summary>
/// <param name="Number">The item's position in the feed, from 1.</param>
/// <param name="Id">The item's <c>guid</c> (RSS) or <c>id</c> (Atom), if it has one.</param>
/// <param name="Link">The item's link (its article URL), if it has one.</param>
/// <param name="Source">The outlet: the item's <c>&lt;source&gt;</c>, else the feed's title, else the host of its link.</param>
/// <param name="Article">The item's text and metadata, or <see langword="null"/> when <paramref name="Problem"/> says why not.</param>
/// <param name="Problem">Why the item yields no document (no content and no summary, content with no text).</param>
/// <param name="Warnings">What was wrong but did not stop the item (a date that could not be read, a missing link).</param>
public sealed record FeedItem(int Number, string? Id, string? Link, string? Source, ExtractedArticle? Article, string? Problem, IReadOnlyList<string> Warnings)
{
    /// <summary>The identity of the item for idempotent ingest: its link, else its id, else <see langword="null"/>.</summary>
    public string? Key => Link ?? (Id is null ? null : "id:" + Id);

    /// <summary>The original mark-up of the item's content or summary, when it was HTML.</summary>
    public string? Html { get; init; }
}

/// <summary>A parsed RSS 2.0 or Atom 1.0 feed.</summary>
/// <param name="Format"><c>rss</c> or <c>atom</c>.</param>
/// <param name="Title">The feed's title.</param>
/// <param name="Link">The feed's link (its site).</param>
/// <param name="Items">The items in feed order.</param>
public sealed record ParsedFeed(string Format, string? Title, string? Link, IReadOnlyList<FeedItem> Items);

/// <summary>Reads RSS 2.0 and Atom 1.0 feeds into articles, one per item (System.ServiceModel.Syndication).</summary>
/// <remarks>
/// <para>An item's text is its full content (RSS <c>content:encoded</c>, Atom <c>content</c>), else its summary
/// (RSS <c>description</c>, Atom <c>summary</c>); content that is HTML goes through
/// <see cref="HtmlArticleExtractor.ExtractFragment"/>, so entities are decoded and mark-up is dropped. The item's
/// title is the article's first paragraph, as with a web page.</para>
/// <para>Dates are read leniently: RFC 822 with or without the weekday and seconds and with zone names such as
/// <c>EST</c> or <c>CET</c>, and ISO 8601. A date that still cannot be read leaves the item's date unknown, with a
/// warning; an item without a link keeps its id as its identity, with a warning. Neither costs the item or the
/// others. DTDs are ignored and external entities never resolved.</para>
/// </remarks>
public static class FeedParser
{
    private static readonly string[] Rfc822Formats =
    [
        "ddd, d MMM yyyy HH:mm:ss zzz", "ddd, d MMM yyyy HH:mm zzz", "d MMM yyyy HH:mm:ss zzz", "d MMM yyyy HH:mm zzz",
        "ddd, d MMM yy HH:mm:ss zzz", "ddd, d MMM yy HH:mm zzz", "d MMM yy HH:mm:ss zzz", "ddd, d MMMM yyyy HH:mm:ss zzz",
        "ddd, d MMM yyyy HH:mm:ss", "ddd, d MMM yyyy", "d MMM yyyy",
    ];

    private static readonly Dictionary<string, string> ZoneNames = new(StringComparer.OrdinalIgnoreCase)
    {
        ["UT"] = "+00:00", ["UTC"] = "+00:00", ["GMT"] = "+00:00", ["Z"] = "+00:00", ["EST"] = "-05:00", ["EDT"] = "-04:00",
        ["CST"] = "-06:00", ["CDT"] = "-05:00", ["MST"] = "-07:00", ["MDT"] = "-06:00", ["PST"] = "-08:00", ["PDT"] = "-07:00",
        ["BST"] = "+01:00", ["CET"] = "+01:00", ["CEST"] = "+02:00", ["EET"] = "+02:00", ["EEST"] = "+03:00", ["MSK"] = "+03:00",
        ["IST"] = "+05:30", ["JST"] = "+09:00", ["AEST"] = "+10:00", ["AEDT"] = "+11:00", ["WET"] = "+00:00", ["WEST"] = "+01:00",
    };

    /// <summary>True when the start of <paramref name="text"/> looks like an RSS or Atom document.</summary>
    /// <param name="text">The beginning of a document (a few hundred characters suffice).</param>
    /// <returns>Whether an <c>&lt;rss</c> or <c>&lt;feed</c> root element appears before any HTML.</returns>
    public static bool LooksLikeFeed(ReadOnlySpan<char> text)
    {
        var head = text[..Math.Min(text.Length, 2048)];
        var rss = head.IndexOf("<rss", StringComparison.OrdinalIgnoreCase);
        var atom = head.IndexOf("<feed", StringComparison.OrdinalIgnoreCase);
        var html = head.IndexOf("<html", StringComparison.OrdinalIgnoreCase);
        var root = rss < 0 ? atom : atom < 0 ? rss : Math.Min(rss, atom);
        return root >= 0 && (html < 0 || root < html);
    }

    /// <summary>Parses a feed.</summary>
    /// <param name="feed">The feed document; its XML declaration decides the encoding (UTF-8 by default).</param>
    /// <param name="extractor">Turns HTML content into text; <see langword="null"/> for the default extractor.</param>
    /// <returns>The feed with one entry per item, readable or not.</returns>
    /// <exception cref="FormatException">The document is not well-formed XML, or not an RSS 2.0 or Atom 1.0 feed;
    /// the message gives the line and position.</exception>
    public static ParsedFeed Parse(Stream feed, HtmlArticleExtractor? extractor = null)
    {
        ArgumentNullException.ThrowIfNull(feed);
        var settings = new XmlReaderSettings
        {
            DtdProcessing = DtdProcessing.Ignore,
            XmlResolver = null,
            MaxCharactersFromEntities = 1024,
            IgnoreComments = true,
        };
        try
        {
            using var reader = XmlReader.Create(feed, settings);
            reader.MoveToContent();
            SyndicationFeedFormatter formatter = reader.LocalName == "rss" ? new Rss20FeedFormatter() : new Atom10FeedFormatter();
            if (!formatter.CanRead(reader))
            {
                throw new FormatException($"not an RSS 2.0 or Atom 1.0 feed: the root element is <{reader.Name}>");
            }

            formatter.DateTimeParser = TryParseDate;
            var failures = t_unreadableDates = [];
            try
            {
                formatter.ReadFrom(reader);
            }
            finally
            {
                t_unreadableDates = null;
            }

            var format = formatter is Rss20FeedFormatter ? "rss" : "atom";
            return Read(formatter.Feed, format, failures, extractor ?? new HtmlArticleExtractor());
        }
        catch (XmlException ex)
        {
            throw new FormatException($"not a well-formed feed: line {ex.LineNumber}, position {ex.LinePosition}: {FirstSentence(ex.Message)}", ex);
        }
    }

    /// <summary>Parses a feed given as text.</summary>
    /// <param name="feed">The feed document.</param>
    /// <param name="extractor">Turns HTML content into text; <see langword="null"/> for the default extractor.</param>
    /// <returns>The feed.</returns>
    /// <exception cref="FormatException">As <see cref="Parse(Stream, HtmlArticleExtractor?)"/>.</exception>
    public static ParsedFeed Parse(string feed, HtmlArticleExtractor? extractor = null)
    {
        ArgumentNullException.ThrowIfNull(feed);
        // Declared encodings do not apply to a string that is already decoded.
        var bytes = System.Text.Encoding.UTF8.GetBytes(StripEncodingDeclaration(feed));
        using var stream = new MemoryStream(bytes, writable: false);
        return Parse(stream, extractor);
    }

    private static string StripEncodingDeclaration(string feed)
    {
        var trimmed = feed.TrimStart('\uFEFF', ' ', '\t', '\r', '\n');
        if (!trimmed.StartsWith("<?xml", StringComparison.Ordinal))
        {
            return trimmed;
        }

        var end = trimmed.IndexOf("?>", StringComparison.Ordinal);
        return end < 0 ? trimmed : "<?xml version=\"1.0\"?>" + trimmed[(end + 2)..];
    }

    private static ParsedFeed Read(SyndicationFeed feed, string format, List<string> failures, HtmlArticleExtractor extractor)
    {
        var feedTitle = feed.Title?.Text is { Length: > 0 } t ? BlockWriter.Collapse(t) : null;
        var feedLink = feed.Links.FirstOrDefault(l => l.RelationshipType is null or "alternate")?.Uri?.ToString();
        var items = new List<FeedItem>();
        var number = 0;
        foreach (var item in feed.Items)
        {
            number++;
            items.Add(ReadItem(item, number, feedTitle, feedLink, failures, extractor));
        }

        return new ParsedFeed(format, feedTitle, feedLink, items);
    }

    private static FeedItem ReadItem(SyndicationItem item, int number, string? feedTitle, string? feedLink, List<string> failures, HtmlArticleExtractor extractor)
    {
        var warnings = new List<string>();
        var link = item.Links.FirstOrDefault(l => l.RelationshipType is null or "alternate")?.Uri;
        var linkText = link is not null && link.IsAbsoluteUri ? link.ToString() : null;
        if (link is not null && !link.IsAbsoluteUri && Uri.TryCreate(feedLink, UriKind.Absolute, out var baseUri) && Uri.TryCreate(baseUri, link, out var resolved))
        {
            linkText = resolved.ToString();
        }

        var id = string.IsNullOrWhiteSpace(item.Id) ? null : item.Id.Trim();
        if (linkText is null)
        {
            warnings.Add(id is null ? "no link and no id: it cannot be told apart from a later copy of itself except by its text" : $"no link; identified by its id \"{id}\"");
        }

        var published = ReadDate(item, failures, warnings);
        var title = item.Title?.Text is { Length: > 0 } title1 ? BlockWriter.Collapse(title1) : null;
        var source = item.SourceFeed?.Title?.Text is { Length: > 0 } s ? BlockWriter.Collapse(s) : feedTitle ?? HostOf(linkText) ?? HostOf(feedLink);
        var author = item.Authors.FirstOrDefault() is { } a ? (a.Name ?? a.Email) : null;

        var (body, isHtml) = Content(item);
        if (body is null)
        {
            return new FeedItem(number, id, linkText, source, null, "the item has no content and no summary", warnings);
        }

        string? text;
        IReadOnlyList<ArticleBlock> blocks = [];
        if (isHtml)
        {
            var extracted = extractor.ExtractFragment(body);
            text = extracted.Article?.Text;
            blocks = extracted.Article?.Blocks ?? [];
        }
        else
        {
            text = body.Trim();
        }

        if (string.IsNullOrWhiteSpace(text))
        {
            return new FeedItem(number, id, linkText, source, null, "the item's content holds no text", warnings) { Html = isHtml ? body : null };
        }

        if (title is not null && !(text.StartsWith(title, StringComparison.Ordinal) && (text.Length == title.Length || text[title.Length] == '\n')))
        {
            var shift = title.Length + 2;
            text = title + "\n\n" + text;
            var shifted = new List<ArticleBlock>(blocks.Count + 1) { new(0, title.Length, "title", -1) };
            foreach (var block in blocks)
            {
                shifted.Add(block with { Start = block.Start + shift, End = block.End + shift });
            }

            blocks = shifted;
        }

        var article = new ExtractedArticle(text)
        {
            Title = title,
            Byline = author,
            Published = published,
            SiteName = source,
            CanonicalUrl = linkText,
            Blocks = blocks,
        };
        return new FeedItem(number, id, linkText, source, article, null, warnings) { Html = isHtml ? body : null };
    }

    private static (string? Body, bool IsHtml) Content(SyndicationItem item)
    {
        foreach (var extension in item.ElementExtensions)
        {
            if (extension.OuterName == "encoded" && extension.OuterNamespace == "http://purl.org/rss/1.0/modules/content/")
            {
                var encoded = extension.GetObject<string>();
                if (!string.IsNullOrWhiteSpace(encoded))
                {
                    return (encoded, true);
                }
            }
        }

        if (item.Content is TextSyndicationContent content && !string.IsNullOrWhiteSpace(content.Text))
        {
            return (content.Text, content.Type is "html" or "xhtml" || MarkupDetector.LooksLikeMarkup(content.Text) || content.Text.Contains("<p", StringComparison.OrdinalIgnoreCase));
        }

        if (item.Summary is { } summary && !string.IsNullOrWhiteSpace(summary.Text))
        {
            // An RSS description is HTML by convention, whatever it holds.
            return (summary.Text, true);
        }

        return (null, false);
    }

    private static DateTimeOffset? ReadDate(SyndicationItem item, List<string> failures, List<string> warnings)
    {
        foreach (var (name, value) in new[] { ("date", item.PublishDate), ("updated date", item.LastUpdatedTime) })
        {
            if (value == default)
            {
                continue;
            }

            if (value.Year == 1)
            {
                var text = value.Ticks >= 1 && value.Ticks <= failures.Count ? BlockWriter.Collapse(failures[(int)value.Ticks - 1]) : "?";
                warnings.Add($"its {name} \"{(text.Length > 60 ? text[..60] + "…" : text)}\" is not a date; the date is left unknown");
                return null;
            }

            return value;
        }

        return null;
    }

    [ThreadStatic]
    private static List<string>? t_unreadableDates;

    /// <summary>The formatter's date callback. An unreadable date is reported as read, with a placeholder whose ticks
    /// number it (1, 2, ...), so the item keeps it and <see cref="ReadDate"/> can name the value in its warning.</summary>
    private static bool TryParseDate(XmlDateTimeData data, out DateTimeOffset value)
    {
        if (TryParseDate(data.DateTimeString, out value))
        {
            return true;
        }

        var failures = t_unreadableDates ??= [];
        failures.Add(data.DateTimeString ?? "");
        value = new DateTimeOffset(failures.Count, TimeSpan.Zero);
        return true;
    }

    /// <summary>Reads a feed date leniently (see the remarks of <see cref="FeedParser"/>).</summary>
    /// <param name="text">The date as the feed writes it.</param>
    /// <param name="value">The date, when it could be read.</param>
    /// <returns>Whether the date could be read.</returns>
    public static bool TryParseDate(string? text, out DateTimeOffset value)
    {
        value = default;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        var trimmed = BlockWriter.Collapse(text);
        if (DateTimeOffset.TryParseExact(trimmed, "o", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out value)
            || DateTimeOffset.TryParseExact(trimmed, ["yyyy-MM-dd'T'HH:mm:ssK", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFK", "yyyy-MM-dd'T'HH:mmK", "yyyy-MM-dd"], CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out value))
        {
            return true;
        }

        // RFC 822: replace a zone name by its offset, "+0100" by "+01:00".
        var space = trimmed.LastIndexOf(' ');
        if (space > 0)
        {
            var zone = trimmed[(space + 1)..];
            if (ZoneNames.TryGetValue(zone, out var offset))
            {
                trimmed = trimmed[..space] + " " + offset;
            }
            else if (zone.Length == 5 && zone[0] is '+' or '-' && int.TryParse(zone.AsSpan(1), NumberStyles.None, CultureInfo.InvariantCulture, out _))
            {
                trimmed = trimmed[..space] + " " + zone[..3] + ":" + zone[3..];
            }
        }

        if (DateTimeOffset.TryParseExact(trimmed, Rfc822Formats, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AllowWhiteSpaces, out value))
        {
            return true;
        }

        // A wrong weekday ("Tue, 13 Jan 2022") is common: try again without it.
        var comma = trimmed.IndexOf(',', StringComparison.Ordinal);
        return comma is > 0 and <= 10
            && DateTimeOffset.TryParseExact(trimmed[(comma + 1)..].Trim(), Rfc822Formats, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AllowWhiteSpaces, out value);
    }

    private static string? HostOf(string? url) => Uri.TryCreate(url, UriKind.Absolute, out var uri) ? uri.Host : null;

    private static string FirstSentence(string message)
    {
        var dot = message.IndexOf(". ", StringComparison.Ordinal);
        return dot < 0 ? message.TrimEnd('.') : message[..dot];
    }
}
