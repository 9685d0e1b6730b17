using AngleSharp.Dom;
using AngleSharp.Html.Dom;

namespace ClaimCompare.Core.Ingest;

/// <summary>Marks the page furniture of a parsed page: the elements whose subtrees are never article text.</summary>
/// <remarks>
/// Nothing is removed from the tree: removal in AngleSharp scans the parent's children, so removing many siblings
/// would cost time quadratic in their number. The walkers skip the marked subtrees instead.
/// </remarks>
internal sealed class PageCleaner
{
    private static readonly HashSet<string> NeverText = new(StringComparer.OrdinalIgnoreCase)
    {
        "script", "style", "noscript", "template", "svg", "math", "canvas", "iframe", "object", "embed", "video", "audio",
        "nav", "aside", "button", "input", "select", "textarea", "option", "dialog", "link", "meta", "head", "title", "map", "area",
    };

    private static readonly HashSet<string> FurnitureUnlessMain = new(StringComparer.OrdinalIgnoreCase) { "header", "footer", "form", "menu" };

    private static readonly HashSet<string> FurnitureRoles = new(StringComparer.OrdinalIgnoreCase)
    {
        "navigation", "banner", "contentinfo", "complementary", "dialog", "alertdialog", "search", "menu", "menubar", "toolbar", "tablist", "alert", "marquee",
    };

    // Words of class and id names that mark furniture, matched as whole words ("ad" in "ad-slot", not in "header").
    // Strong words mark furniture whatever else the name says ("post-share", "related-content").
    private static readonly HashSet<string> StrongFurnitureWords = new(StringComparer.OrdinalIgnoreCase)
    {
        "cookie", "cookies", "consent", "gdpr", "cmp", "onetrust", "newsletter", "subscribe", "subscription", "signup", "paywall",
        "share", "sharing", "sharebar", "social", "sociallinks", "related", "recommended", "recommendations", "trending", "outbrain",
        "taboola", "comments", "comment", "disqus", "ad", "ads", "advert", "adverts", "advertisement", "advertising", "adslot", "dfp",
        "sponsored", "sponsor", "promo", "promotion", "breadcrumb", "breadcrumbs", "modal", "popup", "skiplink", "readmore", "seealso",
        "alsoread", "mostread",
    };

    // Weak words mark furniture unless the name also has a content word ("content-sidebar-wrap" is content).
    private static readonly HashSet<string> FurnitureWords = new(StringComparer.OrdinalIgnoreCase)
    {
        "nav", "navbar", "navigation", "menu", "masthead", "footer", "sidebar", "widget", "widgets", "popular", "most", "respond",
        "overlay", "tags", "tag", "taglist", "topics", "byline", "author", "bio", "credit", "credits", "copyright", "skip", "sronly",
        "visually", "hidden", "print", "toolbar", "tools", "utility", "jump", "toc", "pagination", "pager", "read", "more",
        "banner", "meta", "timestamp", "dateline", "date", "gpt",
    };

    // Words that mark content: an element named with one of these is never furniture by its name.
    private static readonly HashSet<string> ContentWords = new(StringComparer.OrdinalIgnoreCase)
    {
        "article", "body", "content", "main", "story", "entry", "post", "text", "prose", "richtext", "articlebody", "storybody",
    };

    /// <summary>An element holding at least this share of the page's unlinked text is never furniture by a weak sign
    /// (its tag, its role, a weak word in its name): the article of a Blogger page sits in <c>div.widget.Blog</c>.</summary>
    public const double MajorityShare = 0.5;

    private readonly HashSet<IElement> _skipped = new(ReferenceEqualityComparer.Instance);
    private Dictionary<IElement, int> _weights = new(ReferenceEqualityComparer.Instance);
    private int _total;
    private readonly HashSet<IElement> _protected = new(ReferenceEqualityComparer.Instance);

    private PageCleaner()
    {
    }

    /// <summary>The subtrees to skip.</summary>
    public IReadOnlySet<IElement> Skipped => _skipped;

    /// <summary>Marks the furniture of <paramref name="document"/>.</summary>
    public static PageCleaner Clean(IHtmlDocument document)
    {
        var cleaner = new PageCleaner();
        // Elements on the path to the main content or the headline are never furniture, whatever their names say.
        foreach (var anchor in document.QuerySelectorAll("main, [role=main], [itemprop=articleBody], h1"))
        {
            for (var e = anchor; e is not null && cleaner._protected.Add(e); e = e.ParentElement)
            {
            }
        }

        if (document.Body is { } body)
        {
            cleaner._weights = ContentLocator.Weigh(body, new HashSet<IElement>(ReferenceEqualityComparer.Instance));
            cleaner._total = cleaner._weights.GetValueOrDefault(body);
            cleaner.Walk(body);
        }

        return cleaner;
    }

    private void Walk(IElement root)
    {
        var stack = new Stack<IElement>();
        stack.Push(root);
        while (stack.Count > 0)
        {
            var element = stack.Pop();
            if (element != root && IsFurniture(element))
            {
                _skipped.Add(element);
                continue;
            }

            var children = element.ChildNodes;
            for (var i = children.Length - 1; i >= 0; i--)
            {
                if (children[i] is IElement child)
                {
                    stack.Push(child);
                }
            }
        }
    }

    private bool IsFurniture(IElement element)
    {
        var name = element.LocalName;
        if (NeverText.Contains(name))
        {
            return true;
        }

        var isProtected = _protected.Contains(element);
        if (isProtected)
        {
            return false;
        }

        if (element.HasAttribute("hidden") || string.Equals(element.GetAttribute("aria-hidden"), "true", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        if (element.GetAttribute("style") is { } style && IsHiddenStyle(style))
        {
            return true;
        }

        var classes = element.GetAttribute("class");
        if (IsStronglyNamed(classes) || IsStronglyNamed(element.Id))
        {
            return true;
        }

        var weak = FurnitureUnlessMain.Contains(name)
            || (element.GetAttribute("role") is { } role && FurnitureRoles.Contains(role.Trim()))
            || NamedAsFurniture(classes) || NamedAsFurniture(element.Id);
        return weak && _weights.GetValueOrDefault(element) < MajorityShare * _total;
    }

    private static bool IsStronglyNamed(string? names)
    {
        if (string.IsNullOrEmpty(names) || names.Length > 512)
        {
            return false;
        }

        var strongLookup = StrongFurnitureWords.GetAlternateLookup<ReadOnlySpan<char>>();
        var span = names.AsSpan();
        var start = -1;
        for (var i = 0; i <= span.Length; i++)
        {
            var letter = i < span.Length && char.IsAsciiLetter(span[i]);
            if (letter && start < 0)
            {
                start = i;
            }
            else if (!letter && start >= 0)
            {
                if (strongLookup.Contains(span[start..i]))
                {
                    return true;
                }

                start = -1;
            }
        }

        return false;
    }

    private static bool IsHiddenStyle(string style)
    {
        var compact = style.Replace(" ", "", StringComparison.Ordinal);
        return compact.Contains("display:none", StringComparison.OrdinalIgnoreCase)
            || compact.Contains("visibility:hidden", StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>Whether a class or id value names furniture: one of its words is a furniture word and none is a content word.</summary>
    internal static bool NamedAsFurniture(string? names)
    {
        if (string.IsNullOrEmpty(names) || names.Length > 512)
        {
            return false;
        }

        var furniture = false;
        var content = false;
        var lookup = FurnitureWords.GetAlternateLookup<ReadOnlySpan<char>>();
        var strongLookup = StrongFurnitureWords.GetAlternateLookup<ReadOnlySpan<char>>();
        var contentLookup = ContentWords.GetAlternateLookup<ReadOnlySpan<char>>();
        var span = names.AsSpan();
        var start = -1;
        for (var i = 0; i <= span.Length; i++)
        {
            var letter = i < span.Length && char.IsAsciiLetter(span[i]);
            if (letter && start < 0)
            {
                start = i;
            }
            else if (!letter && start >= 0)
            {
                var word = span[start..i];
                start = -1;
                if (strongLookup.Contains(word))
                {
                    return true;
                }

                content |= contentLookup.Contains(word);
                furniture |= lookup.Contains(word);
            }
        }

        return furniture && !content;
    }
}
