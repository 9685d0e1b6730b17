namespace ClaimCompare.Core.Ingest;

/// <summary>The kinds of input an article can arrive as.</summary>
public enum InputFormat
{
    /// <summary>Plain text: one article (<c>.txt</c>).</summary>
    Text,

    /// <summary>A web page: one article, its main content extracted (<c>.html</c>, <c>.htm</c>, <c>.xhtml</c>).</summary>
    Html,

    /// <summary>An RSS 2.0 or Atom feed: one article per item (<c>.rss</c>, <c>.atom</c>, <c>.xml</c>).</summary>
    Feed,

    /// <summary>JSON lines: one article per line (<c>.jsonl</c>, <c>.ndjson</c>).</summary>
    JsonLines,
}

/// <summary>Tells which <see cref="InputFormat"/> a file is, by its extension and by its first bytes.</summary>
/// <remarks>
/// <para>An extension that names a format decides it (<see cref="FromExtension"/>), except that a <c>.txt</c> file whose
/// content is a page or a feed is read as one. Otherwise the content decides (<see cref="Sniff(ReadOnlySpan{char})"/>): a first non-blank
/// character <c>{</c> is JSON lines; an <c>&lt;rss</c> or <c>&lt;feed</c> root is a feed; a doctype, an
/// <c>&lt;html</c> element or text that <see cref="MarkupDetector.LooksLikeMarkup"/> calls markup is a page; anything
/// else is text.</para>
/// <para>The line between a page and text with a little inline mark-up ("&lt;b&gt;Update:&lt;/b&gt; talks resume")
/// is <see cref="MarkupDetector.LooksLikeMarkup"/>'s: text it does not call markup stays text, and the text pipeline
/// deals with the odd tag in it.</para>
/// </remarks>
public static class InputSniffer
{
    /// <summary>Bytes of a file's start that <see cref="Sniff(ReadOnlySpan{char})"/> needs.</summary>
    public const int SniffLength = 8192;

    /// <summary>The file extensions a folder is searched for, in the order of <see cref="InputFormat"/>.</summary>
    public static IReadOnlyList<string> FolderExtensions { get; } = [".txt", ".html", ".htm", ".xhtml", ".rss", ".atom", ".xml", ".jsonl", ".ndjson"];

    /// <summary>The format an extension names, or <see langword="null"/> when it names none.</summary>
    /// <param name="path">A file name or path.</param>
    /// <returns>The format, or null for an unknown extension (the content then decides).</returns>
    public static InputFormat? FromExtension(string path)
    {
        var extension = Path.GetExtension(path).ToLowerInvariant();
        return extension switch
        {
            ".txt" or ".text" => InputFormat.Text,
            ".html" or ".htm" or ".xhtml" or ".shtml" => InputFormat.Html,
            ".rss" or ".atom" or ".xml" => InputFormat.Feed,
            ".jsonl" or ".ndjson" or ".jsonlines" => InputFormat.JsonLines,
            _ => null,
        };
    }

    /// <summary>The format of a document from its first bytes.</summary>
    /// <param name="head">The first bytes (up to <see cref="SniffLength"/>; fewer for a short file).</param>
    /// <returns>The format the content shows.</returns>
    public static InputFormat Sniff(ReadOnlySpan<byte> head)
    {
        var decoded = TextDecoder.Decode(head[..Math.Min(head.Length, SniffLength)]);
        return decoded.Text is { } text ? Sniff(text) : InputFormat.Text;
    }

    /// <summary>The format of a document from its first characters.</summary>
    /// <param name="text">The start of the document, or all of it.</param>
    /// <returns>The format the content shows.</returns>
    public static InputFormat Sniff(ReadOnlySpan<char> text)
    {
        var trimmed = text.TrimStart();
        if (trimmed.StartsWith('{'))
        {
            return InputFormat.JsonLines;
        }

        if (trimmed.StartsWith('<') && FeedParser.LooksLikeFeed(trimmed))
        {
            return InputFormat.Feed;
        }

        return MarkupDetector.LooksLikeMarkup(text[..Math.Min(text.Length, SniffLength)]) ? InputFormat.Html : InputFormat.Text;
    }

    /// <summary>The format to read a file as: the extension's, corrected by the content where they disagree.</summary>
    /// <param name="path">The file's name or path.</param>
    /// <param name="head">The file's first bytes.</param>
    /// <returns>The format.</returns>
    public static InputFormat Detect(string path, ReadOnlySpan<byte> head)
    {
        var byExtension = FromExtension(path);
        var byContent = Sniff(head);
        return byExtension switch
        {
            null => byContent,
            // A saved page or feed named .txt is still a page or a feed; a .txt that starts with "{" is still text.
            InputFormat.Text => byContent is InputFormat.Html or InputFormat.Feed ? byContent : InputFormat.Text,
            // An .xml file that is an XHTML page, not a feed.
            InputFormat.Feed => byContent == InputFormat.Html ? InputFormat.Html : InputFormat.Feed,
            _ => byExtension.Value,
        };
    }
}
