using System.Text;
using AngleSharp.Dom;

namespace ClaimCompare.Core.Ingest;

/// <summary>Writes the text of content elements as paragraphs, the way a browser lays them out: one paragraph per
/// block element, white space collapsed, <c>&lt;br&gt;</c> as a line break.</summary>
/// <remarks>Paragraphs that are mostly link text, only a date, or an interface label ("Advertisement", "Share this
/// article") are left out, as is a repeat of the headline.</remarks>
internal sealed class BlockWriter
{
    /// <summary>A paragraph whose link text is at least this share of its text is a link list, not prose.</summary>
    public const double MaxLinkShare = 0.5;

    private static readonly HashSet<string> Blocks = new(StringComparer.OrdinalIgnoreCase)
    {
        "address", "article", "aside", "blockquote", "body", "center", "dd", "details", "dialog", "div", "dl", "dt", "fieldset",
        "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hgroup", "hr", "li", "main", "nav",
        "ol", "p", "pre", "section", "summary", "table", "tbody", "thead", "tfoot", "tr", "td", "th", "caption", "ul", "menu", "html",
    };

    private static readonly HashSet<string> InterfaceLabels = new(StringComparer.OrdinalIgnoreCase)
    {
        "advertisement", "advertising", "ad", "ads", "sponsored", "sponsored content", "share", "share this", "share this article",
        "share this story", "share on facebook", "share on twitter", "share via email", "tweet", "email", "print", "copy link",
        "comments", "comment", "show comments", "read more", "continue reading", "skip to content", "skip to main content",
        "related", "related stories", "related articles", "recommended", "more stories", "most read", "subscribe", "sign up",
        "follow us", "listen to this article", "close", "loading", "story continues below advertisement", "article continues below",
        "article continues below advertisement", "scroll to continue with content", "back to top", "menu", "search", "open in app",
        "reuse this content", "view comments", "leave a comment", "image", "photo", "video", "watch", "listen",
    };

    private readonly List<TextBlock> _blocks = [];
    private readonly StringBuilder _paragraph = new();
    private readonly string? _headline;
    private readonly int _shift;
    private int _linkChars;
    private int _timeChars;
    private int _chars;
    private bool _pendingSpace;
    private string _element = "p";
    private int _sourceOffset = -1;

    private BlockWriter(string? headline, int shift)
    {
        _headline = headline;
        _shift = shift;
    }

    /// <summary>The paragraphs under <paramref name="roots"/>, in document order.</summary>
    /// <param name="roots">Content elements.</param>
    /// <param name="skipHeadline">A headline whose repeat in the content is left out.</param>
    /// <param name="sourceOffsetShift">Added to source positions (to undo a wrapper); <see cref="int.MinValue"/>: no offsets.</param>
    /// <param name="skipped">Subtrees to leave out.</param>
    public static List<TextBlock> Write(IEnumerable<IElement> roots, string? skipHeadline, int sourceOffsetShift, IReadOnlySet<IElement>? skipped = null)
    {
        var writer = new BlockWriter(skipHeadline, sourceOffsetShift);
        foreach (var root in roots)
        {
            writer.Walk(root, skipped);
        }

        writer.Flush();
        return writer._blocks;
    }

    /// <summary>Paragraphs of plain text (JSON-LD <c>articleBody</c>): split at blank lines, else at line breaks.</summary>
    public static List<TextBlock> FromPlainText(string text)
    {
        var blocks = new List<TextBlock>();
        var separator = text.Contains("\n\n", StringComparison.Ordinal) ? "\n\n" : "\n";
        foreach (var part in text.Replace("\r\n", "\n", StringComparison.Ordinal).Split(separator))
        {
            var paragraph = Collapse(part);
            if (paragraph.Length > 0)
            {
                blocks.Add(new TextBlock(paragraph, "json-ld", -1));
            }
        }

        return blocks;
    }

    /// <summary>Collapses runs of white space to one space and trims.</summary>
    public static string Collapse(string text)
    {
        var builder = new StringBuilder(text.Length);
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

    private void Walk(IElement root, IReadOnlySet<IElement>? skipped)
    {
        var stack = new Stack<(INode Node, int Next)>();
        Enter(root);
        stack.Push((root, 0));
        var preDepth = root.LocalName is "pre" ? 1 : 0;
        var linkDepth = 0;
        var timeDepth = 0;
        while (stack.Count > 0)
        {
            var (node, next) = stack.Pop();
            var children = node.ChildNodes;
            if (next < children.Length)
            {
                stack.Push((node, next + 1));
                var child = children[next];
                if (child is IElement element)
                {
                    if (skipped is not null && skipped.Contains(element))
                    {
                        continue;
                    }

                    var name = element.LocalName;
                    if (name is "br")
                    {
                        Break();
                        continue;
                    }

                    if (name is "script" or "style" or "noscript" or "template")
                    {
                        continue;
                    }

                    Enter(element);
                    preDepth += name is "pre" ? 1 : 0;
                    linkDepth += name is "a" ? 1 : 0;
                    timeDepth += name is "time" ? 1 : 0;
                    stack.Push((element, 0));
                }
                else if (child.NodeType == NodeType.Text)
                {
                    Append(child.TextContent, preDepth > 0, linkDepth > 0, timeDepth > 0);
                }

                continue;
            }

            if (node is IElement done)
            {
                var name = done.LocalName;
                preDepth -= name is "pre" ? 1 : 0;
                linkDepth -= name is "a" ? 1 : 0;
                timeDepth -= name is "time" ? 1 : 0;
                if (Blocks.Contains(name))
                {
                    Flush();
                }
            }
        }
    }

    private void Enter(IElement element)
    {
        if (!Blocks.Contains(element.LocalName))
        {
            return;
        }

        Flush();
        _element = element.LocalName;
        _sourceOffset = _shift == int.MinValue || element.SourceReference is not { } source ? -1 : Math.Max(-1, source.Position.Position - 1 + _shift);
    }

    private void Break()
    {
        while (_paragraph.Length > 0 && _paragraph[^1] == ' ')
        {
            _paragraph.Length--;
        }

        if (_paragraph.Length > 0 && _paragraph[^1] != '\n')
        {
            _paragraph.Append('\n');
        }

        _pendingSpace = false;
    }

    private void Append(string text, bool pre, bool link, bool time)
    {
        foreach (var c in text)
        {
            if (c is ' ' or '\t' or '\n' or '\r' or '\f')
            {
                if (pre && c == '\n')
                {
                    Break();
                }
                else
                {
                    _pendingSpace = true;
                }

                continue;
            }

            if (_pendingSpace && _paragraph.Length > 0 && _paragraph[^1] != '\n')
            {
                _paragraph.Append(' ');
            }

            _pendingSpace = false;
            _paragraph.Append(c);
            _chars++;
            _linkChars += link ? 1 : 0;
            _timeChars += time ? 1 : 0;
        }
    }

    private void Flush()
    {
        var text = _paragraph.ToString().Trim();
        var chars = _chars;
        var links = _linkChars;
        var times = _timeChars;
        _paragraph.Clear();
        _chars = _linkChars = _timeChars = 0;
        _pendingSpace = false;
        if (text.Length == 0 || chars == 0)
        {
            return;
        }

        if (links >= MaxLinkShare * chars || times >= 0.8 * chars)
        {
            return;
        }

        if (text.Length <= 60 && InterfaceLabels.Contains(text.TrimEnd(':', '.', '!', '›', '»', '>', ' ').Trim()))
        {
            return;
        }

        if (_headline is not null && text.Length == _headline.Length && HtmlArticleExtractor.TextEquals(text, _headline))
        {
            return;
        }

        _blocks.Add(new TextBlock(text, _element, _sourceOffset));
    }
}
