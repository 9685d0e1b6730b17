namespace ClaimCompare.Core.Text;

/// <summary>What a piece of inline markup stands for in plain text.</summary>
internal enum MarkupKind
{
    /// <summary>Not markup: copy the character.</summary>
    None,

    /// <summary>An inline tag or a comment (<c>&lt;b&gt;</c>, <c>&lt;/a&gt;</c>, <c>&lt;!-- --&gt;</c>): nothing.</summary>
    Inline,

    /// <summary>A space reference (<c>&amp;nbsp;</c>): a space.</summary>
    Space,

    /// <summary><c>&lt;br&gt;</c>: a line break.</summary>
    LineBreak,

    /// <summary>A block tag (<c>&lt;p&gt;</c>, <c>&lt;/div&gt;</c>, <c>&lt;li&gt;</c>): a paragraph break.</summary>
    Block,

    /// <summary>A character reference (<c>&amp;amp;</c>, <c>&amp;#8217;</c>): its characters.</summary>
    Character,
}

/// <summary>Recognises the little HTML that turns up in plain-text news: known tags, comments and character
/// references. Bounded: a tag is read for at most <see cref="MaxTagLength"/> characters and never across a line break,
/// so a stray '&lt;' costs nothing and hides nothing.</summary>
internal static class Markup
{
    /// <summary>The longest tag read, attributes included.</summary>
    public const int MaxTagLength = 1000;

    private const int MaxEntityLength = 12;

    private static readonly HashSet<string> InlineTags = new(StringComparer.OrdinalIgnoreCase)
    {
        "a", "b", "i", "u", "s", "em", "strong", "span", "font", "sup", "sub", "small", "big", "mark", "strike", "del", "ins",
        "q", "cite", "abbr", "code", "time", "img", "wbr", "tt", "var", "kbd", "samp", "dfn", "bdi", "bdo", "label", "nobr",
    };

    private static readonly HashSet<string> BlockTags = new(StringComparer.OrdinalIgnoreCase)
    {
        "p", "div", "li", "ul", "ol", "dl", "dt", "dd", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "table", "tr", "td",
        "th", "thead", "tbody", "hr", "section", "article", "header", "footer", "figure", "figcaption", "aside", "pre",
        "address", "center", "main", "nav",
    };

    private static readonly Dictionary<string, string> Entities = new(StringComparer.Ordinal)
    {
        ["amp"] = "&", ["lt"] = "<", ["gt"] = ">", ["quot"] = "\"", ["apos"] = "'", ["rsquo"] = "\u2019", ["lsquo"] = "\u2018",
        ["rdquo"] = "\u201D", ["ldquo"] = "\u201C", ["sbquo"] = "\u201A", ["bdquo"] = "\u201E", ["laquo"] = "\u00AB",
        ["raquo"] = "\u00BB", ["mdash"] = "\u2014", ["ndash"] = "\u2013", ["hellip"] = "\u2026", ["minus"] = "\u2212",
        ["pound"] = "\u00A3", ["euro"] = "\u20AC", ["yen"] = "\u00A5", ["cent"] = "\u00A2", ["copy"] = "\u00A9", ["reg"] = "\u00AE",
        ["trade"] = "\u2122", ["deg"] = "\u00B0", ["times"] = "\u00D7", ["divide"] = "\u00F7", ["frac12"] = "\u00BD",
        ["frac14"] = "\u00BC", ["frac34"] = "\u00BE", ["eacute"] = "\u00E9", ["egrave"] = "\u00E8", ["aacute"] = "\u00E1",
        ["agrave"] = "\u00E0", ["oacute"] = "\u00F3", ["iacute"] = "\u00ED", ["uacute"] = "\u00FA", ["ntilde"] = "\u00F1",
        ["ccedil"] = "\u00E7", ["uuml"] = "\u00FC", ["ouml"] = "\u00F6", ["auml"] = "\u00E4", ["szlig"] = "\u00DF",
        ["middot"] = "\u00B7", ["bull"] = "\u2022", ["sect"] = "\u00A7", ["para"] = "\u00B6",
    };

    /// <summary>Reads the markup at <paramref name="pos"/> (a '&lt;' or '&amp;').</summary>
    /// <param name="text">The text.</param>
    /// <param name="pos">Where the '&lt;' or '&amp;' is.</param>
    /// <param name="kind">What it is; <see cref="MarkupKind.None"/> when it is not markup.</param>
    /// <param name="decoded">For a character reference, its characters; otherwise null.</param>
    /// <returns>The markup's length in <paramref name="text"/> (0 when it is not markup).</returns>
    public static int Read(ReadOnlySpan<char> text, int pos, out MarkupKind kind, out string? decoded)
    {
        decoded = null;
        kind = MarkupKind.None;
        return text[pos] == '<' ? ReadTag(text, pos, ref kind) : ReadEntity(text, pos, ref kind, ref decoded);
    }

    private static int ReadTag(ReadOnlySpan<char> text, int pos, ref MarkupKind kind)
    {
        var limit = Math.Min(text.Length, pos + MaxTagLength);
        if (pos + 3 < text.Length && text.Slice(pos, 4).SequenceEqual("<!--"))
        {
            var close = text[(pos + 4)..limit].IndexOf("-->");
            if (close < 0)
            {
                return 0;
            }

            kind = MarkupKind.Inline;
            return close + 7;
        }

        var i = pos + 1;
        if (i < limit && text[i] == '/')
        {
            i++;
        }

        var nameStart = i;
        while (i < limit && char.IsAsciiLetterOrDigit(text[i]))
        {
            i++;
        }

        if (i == nameStart || i >= limit || !(text[i] is '>' or '/' || char.IsWhiteSpace(text[i]) && text[i] != '\n'))
        {
            return 0;
        }

        var name = text[nameStart..i];
        var found = Lookup(name, out var tagKind);
        if (!found)
        {
            return 0;
        }

        // To the closing '>', over quoted attribute values; never over a line break or another '<'.
        char quote = '\0';
        for (; i < limit; i++)
        {
            var c = text[i];
            if (quote != '\0')
            {
                if (c == quote)
                {
                    quote = '\0';
                }
                else if (c == '\n')
                {
                    return 0;
                }

                continue;
            }

            if (c is '"' or '\'')
            {
                quote = c;
            }
            else if (c == '>')
            {
                kind = tagKind;
                return i + 1 - pos;
            }
            else if (c is '<' or '\n')
            {
                return 0;
            }
        }

        return 0;
    }

    private static bool Lookup(ReadOnlySpan<char> name, out MarkupKind kind)
    {
        if (name.Equals("br", StringComparison.OrdinalIgnoreCase))
        {
            kind = MarkupKind.LineBreak;
            return true;
        }

        if (InlineTags.GetAlternateLookup<ReadOnlySpan<char>>().Contains(name))
        {
            kind = MarkupKind.Inline;
            return true;
        }

        kind = MarkupKind.Block;
        return BlockTags.GetAlternateLookup<ReadOnlySpan<char>>().Contains(name);
    }

    private static int ReadEntity(ReadOnlySpan<char> text, int pos, ref MarkupKind kind, ref string? decoded)
    {
        var limit = Math.Min(text.Length, pos + MaxEntityLength);
        var semi = text[pos..limit].IndexOf(';');
        if (semi < 2)
        {
            return 0;
        }

        var body = text.Slice(pos + 1, semi - 1);
        if (body[0] == '#')
        {
            var hex = body.Length > 1 && body[1] is 'x' or 'X';
            var digits = body[(hex ? 2 : 1)..];
            if (digits.IsEmpty || !int.TryParse(digits, hex ? System.Globalization.NumberStyles.AllowHexSpecifier : System.Globalization.NumberStyles.None,
                System.Globalization.CultureInfo.InvariantCulture, out var code) || code is <= 0 or > 0x10FFFF or (>= 0xD800 and <= 0xDFFF))
            {
                return 0;
            }

            if (code is 160 or 32 or 9 or 0x2009 or 0x202F)
            {
                kind = MarkupKind.Space;
                return semi + 1;
            }

            decoded = char.ConvertFromUtf32(code);
        }
        else if (body.Equals("nbsp", StringComparison.Ordinal) || body.Equals("thinsp", StringComparison.Ordinal) || body.Equals("ensp", StringComparison.Ordinal)
            || body.Equals("emsp", StringComparison.Ordinal))
        {
            kind = MarkupKind.Space;
            return semi + 1;
        }
        else if (!Entities.GetAlternateLookup<ReadOnlySpan<char>>().TryGetValue(body, out decoded))
        {
            return 0;
        }

        kind = MarkupKind.Character;
        return semi + 1;
    }
}
