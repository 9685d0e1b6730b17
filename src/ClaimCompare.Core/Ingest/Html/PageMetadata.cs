using System.Globalization;
using System.Text.Json;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;

namespace ClaimCompare.Core.Ingest;

/// <summary>What a page says about its article: Open Graph and other meta tags, JSON-LD, <c>&lt;link rel=canonical&gt;</c>,
/// <c>&lt;time&gt;</c>, the headline element.</summary>
internal sealed record PageMetadata(
    string? Title,
    string? Byline,
    DateTimeOffset? Published,
    string? SiteName,
    string? CanonicalUrl,
    string? Language,
    string? ArticleBody)
{
    /// <summary>Largest JSON-LD block parsed; larger ones are skipped (a page's own data, not worth a denial of service).</summary>
    private const int MaxJsonLdLength = 4 * 1024 * 1024;

    public static PageMetadata Empty { get; } = new(null, null, null, null, null, null, null);

    private static readonly HashSet<string> ArticleTypes = new(StringComparer.OrdinalIgnoreCase)
    {
        "Article", "NewsArticle", "ReportageNewsArticle", "AnalysisNewsArticle", "OpinionNewsArticle", "BackgroundNewsArticle",
        "BlogPosting", "LiveBlogPosting", "SocialMediaPosting", "Report", "ScholarlyArticle", "TechArticle",
    };

    public static PageMetadata Read(IHtmlDocument document, string? baseUrl)
    {
        var meta = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var element in document.QuerySelectorAll("meta"))
        {
            var key = element.GetAttribute("property") ?? element.GetAttribute("name") ?? element.GetAttribute("itemprop");
            var content = element.GetAttribute("content");
            if (key is not null && !string.IsNullOrWhiteSpace(content))
            {
                meta.TryAdd(key.Trim(), content.Trim());
            }
        }

        var ld = JsonLd.Read(document);
        var h1 = FirstText(document.QuerySelector("article h1, main h1, [itemprop=headline], h1"));
        var title = Clean(h1)
            ?? Clean(ld.Headline)
            ?? Clean(Get(meta, "og:title", "twitter:title", "title", "dc.title", "headline"))
            ?? TitleWithoutSite(document.Title, Get(meta, "og:site_name"));

        var byline = Clean(Get(meta, "author", "article:author", "byl", "dc.creator", "sailthru.author", "parsely-author"))
            ?? Clean(ld.Author)
            ?? Clean(FirstText(document.QuerySelector("[itemprop=author], [rel=author], .byline, .author, .article-author, .story-byline")));
        if (byline is not null && byline.StartsWith("http", StringComparison.OrdinalIgnoreCase))
        {
            // Facebook's article:author is a profile URL, not a name.
            byline = Clean(ld.Author);
        }

        var published = ParseDate(ld.DatePublished)
            ?? ParseDate(Get(meta, "article:published_time", "og:published_time", "datePublished", "date", "pubdate", "publishdate",
                "publish-date", "dc.date", "dc.date.issued", "dcterms.created", "sailthru.date", "parsely-pub-date", "cxenseparse:recs:publishtime"))
            ?? ParseDate(document.QuerySelector("[itemprop=datePublished]") is { } dp ? dp.GetAttribute("content") ?? dp.GetAttribute("datetime") : null)
            ?? ParseDate(document.QuerySelector("article time[datetime], time[datetime]")?.GetAttribute("datetime"));

        var site = Clean(Get(meta, "og:site_name", "application-name", "twitter:site")?.TrimStart('@')) ?? Clean(ld.Publisher);

        var canonical = Absolute(document.QuerySelector("link[rel~=canonical]")?.GetAttribute("href"), baseUrl)
            ?? Absolute(Get(meta, "og:url", "twitter:url"), baseUrl)
            ?? Absolute(ld.Url, baseUrl);

        var language = Clean(document.DocumentElement?.GetAttribute("lang")) ?? Clean(Get(meta, "og:locale", "language", "content-language"));
        return new PageMetadata(title, byline, published, site, canonical, language, ld.ArticleBody);
    }

    private static string? Get(Dictionary<string, string> meta, params string[] keys)
    {
        foreach (var key in keys)
        {
            if (meta.TryGetValue(key, out var value))
            {
                return value;
            }
        }

        return null;
    }

    private static string? FirstText(IElement? element) => element is null ? null : BlockWriter.Collapse(element.TextContent);

    private static string? Clean(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        var collapsed = BlockWriter.Collapse(value);
        if (collapsed.Length > 1000)
        {
            return null;
        }

        return collapsed.Length == 0 ? null : collapsed;
    }

    private static string? TitleWithoutSite(string? title, string? site)
    {
        var clean = Clean(title);
        if (clean is null)
        {
            return null;
        }

        // "Headline | Site", "Headline - Site", "Headline — Site": keep the longest part.
        foreach (var separator in new[] { " | ", " — ", " – ", " - ", " :: " })
        {
            var parts = clean.Split(separator);
            if (parts.Length > 1)
            {
                var best = parts[0];
                foreach (var part in parts)
                {
                    if (part.Length > best.Length)
                    {
                        best = part;
                    }
                }

                if (site is null || !best.Equals(site, StringComparison.OrdinalIgnoreCase))
                {
                    return best.Trim();
                }
            }
        }

        return clean;
    }

    internal static DateTimeOffset? ParseDate(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        var text = value.Trim();
        if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AllowWhiteSpaces, out var parsed))
        {
            return parsed;
        }

        // "20220113" and "2022-01-13T10:00:00.000+0000" (offset without a colon).
        string[] formats = ["yyyyMMdd", "yyyy-MM-dd'T'HH:mm:ss.fffzzz", "yyyy-MM-dd'T'HH:mm:sszzz", "yyyy-MM-dd'T'HH:mm:ss.fffK", "yyyy-MM-dd'T'HH:mm:ssK"];
        var fixedOffset = text.Length > 5 && (text[^5] is '+' or '-') && char.IsAsciiDigit(text[^1]) ? text[..^2] + ":" + text[^2..] : text;
        return DateTimeOffset.TryParseExact(fixedOffset, formats, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out parsed)
            ? parsed
            : null;
    }

    private static string? Absolute(string? url, string? baseUrl)
    {
        if (string.IsNullOrWhiteSpace(url))
        {
            return null;
        }

        url = url.Trim();
        if (Uri.TryCreate(url, UriKind.Absolute, out var absolute) && absolute.Scheme is "http" or "https")
        {
            return absolute.ToString();
        }

        if (Uri.TryCreate(baseUrl, UriKind.Absolute, out var baseUri) && Uri.TryCreate(baseUri, url, out var resolved))
        {
            return resolved.ToString();
        }

        return null;
    }

    /// <summary>The article fields of a page's JSON-LD.</summary>
    private readonly record struct JsonLd(string? Headline, string? Author, string? DatePublished, string? Publisher, string? Url, string? ArticleBody)
    {
        public static JsonLd Read(IHtmlDocument document)
        {
            var found = default(JsonLd);
            foreach (var script in document.QuerySelectorAll("script[type='application/ld+json']"))
            {
                var json = script.TextContent;
                if (json.Length > MaxJsonLdLength)
                {
                    continue;
                }

                try
                {
                    using var parsed = JsonDocument.Parse(json, new JsonDocumentOptions { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip, MaxDepth = 64 });
                    var candidates = new Stack<JsonElement>();
                    candidates.Push(parsed.RootElement);
                    while (candidates.Count > 0)
                    {
                        var element = candidates.Pop();
                        if (element.ValueKind == JsonValueKind.Array)
                        {
                            foreach (var item in element.EnumerateArray())
                            {
                                candidates.Push(item);
                            }

                            continue;
                        }

                        if (element.ValueKind != JsonValueKind.Object)
                        {
                            continue;
                        }

                        if (element.TryGetProperty("@graph", out var graph))
                        {
                            candidates.Push(graph);
                        }

                        if (IsArticle(element))
                        {
                            found = Merge(found, element);
                        }
                    }
                }
                catch (JsonException)
                {
                    // A page's broken JSON-LD is its own problem; the rest of the page still counts.
                }
            }

            return found;
        }

        private static bool IsArticle(JsonElement element)
        {
            if (!element.TryGetProperty("@type", out var type))
            {
                return false;
            }

            if (type.ValueKind == JsonValueKind.String)
            {
                return ArticleTypes.Contains(type.GetString()!);
            }

            if (type.ValueKind == JsonValueKind.Array)
            {
                foreach (var t in type.EnumerateArray())
                {
                    if (t.ValueKind == JsonValueKind.String && ArticleTypes.Contains(t.GetString()!))
                    {
                        return true;
                    }
                }
            }

            return false;
        }

        private static JsonLd Merge(JsonLd found, JsonElement article)
        {
            var body = String(article, "articleBody");
            if (body is null && article.TryGetProperty("liveBlogUpdate", out var updates) && updates.ValueKind == JsonValueKind.Array)
            {
                var parts = new List<string>();
                foreach (var update in updates.EnumerateArray())
                {
                    if (update.ValueKind == JsonValueKind.Object && (String(update, "articleBody") is { } b))
                    {
                        parts.Add(b);
                    }
                }

                body = parts.Count == 0 ? null : string.Join("\n\n", parts);
            }

            return new JsonLd(
                found.Headline ?? String(article, "headline") ?? String(article, "name"),
                found.Author ?? Names(article, "author"),
                found.DatePublished ?? String(article, "datePublished") ?? String(article, "dateCreated"),
                found.Publisher ?? Names(article, "publisher"),
                found.Url ?? String(article, "url") ?? Id(article, "mainEntityOfPage"),
                found.ArticleBody ?? body);
        }

        private static string? String(JsonElement element, string name) =>
            element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

        private static string? Id(JsonElement element, string name)
        {
            if (!element.TryGetProperty(name, out var value))
            {
                return null;
            }

            return value.ValueKind switch
            {
                JsonValueKind.String => value.GetString(),
                JsonValueKind.Object => String(value, "@id") ?? String(value, "url"),
                _ => null,
            };
        }

        private static string? Names(JsonElement element, string name)
        {
            if (!element.TryGetProperty(name, out var value))
            {
                return null;
            }

            var names = new List<string>();
            void Add(JsonElement v)
            {
                if (v.ValueKind == JsonValueKind.String)
                {
                    names.Add(v.GetString()!);
                }
                else if (v.ValueKind == JsonValueKind.Object && String(v, "name") is { } n)
                {
                    names.Add(n);
                }
            }

            if (value.ValueKind == JsonValueKind.Array)
            {
                foreach (var item in value.EnumerateArray())
                {
                    Add(item);
                }
            }
            else
            {
                Add(value);
            }

            return names.Count switch
            {
                0 => null,
                1 => names[0],
                2 => names[0] + " and " + names[1],
                _ => string.Join(", ", names[..^1]) + " and " + names[^1],
            };
        }
    }
}
