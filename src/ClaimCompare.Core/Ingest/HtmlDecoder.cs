using System.Text;

namespace ClaimCompare.Core.Ingest;

/// <summary>Turns the bytes of an HTML page into text, honouring the character set the page declares.</summary>
/// <remarks>
/// <para>The encoding is chosen as a browser chooses it (the WHATWG encoding sniffing algorithm, simplified): a
/// byte-order mark first; then the charset the transport declared (an HTTP <c>Content-Type</c> header), when the
/// caller has one; then a <c>&lt;meta charset&gt;</c> or <c>&lt;meta http-equiv="Content-Type" content="...;
/// charset=..."&gt;</c> in the first <see cref="PrescanLength"/> bytes; otherwise UTF-8.</para>
/// <para>As in browsers, the labels <c>iso-8859-1</c>, <c>latin1</c> and <c>us-ascii</c> mean Windows-1252. A page
/// that declares UTF-8 (or nothing) but is not valid UTF-8 is read as Windows-1252, with the offset of the first
/// invalid byte reported, so nothing is dropped or silently replaced. A declared charset .NET does not know is
/// treated as undeclared.</para>
/// </remarks>
public static class HtmlDecoder
{
    /// <summary>How many leading bytes are searched for a <c>&lt;meta&gt;</c> charset declaration.</summary>
    public const int PrescanLength = 4096;

    private static readonly System.Buffers.SearchValues<char> AttributeEnd = System.Buffers.SearchValues.Create(" \t\r\n/;");

    /// <summary>Decodes an HTML page.</summary>
    /// <param name="bytes">The page's bytes, as received.</param>
    /// <param name="transportCharset">The charset of an HTTP <c>Content-Type</c> header, or <see langword="null"/>.</param>
    /// <returns>The text and the name of the encoding used, or <see cref="DecodeProblem.Empty"/> /
    /// <see cref="DecodeProblem.Binary"/> as <see cref="TextDecoder.Decode"/> reports them.</returns>
    public static DecodedText Decode(ReadOnlySpan<byte> bytes, string? transportCharset = null)
    {
        if (bytes.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF])
            || (bytes.Length >= 2 && ((bytes[0] == 0xFF && bytes[1] == 0xFE) || (bytes[0] == 0xFE && bytes[1] == 0xFF))))
        {
            return TextDecoder.Decode(bytes);
        }

        var declared = Resolve(transportCharset) ?? Resolve(PrescanCharset(bytes));
        if (declared is null || declared.CodePage == Encoding.UTF8.CodePage)
        {
            // UTF-8, else Windows-1252 with the offset of the first invalid byte.
            return TextDecoder.Decode(bytes);
        }

        if (declared.CodePage == 1252)
        {
            var text = TextDecoder.DecodeWindows1252(bytes);
            return string.IsNullOrWhiteSpace(text)
                ? new DecodedText(null, "windows-1252", null, DecodeProblem.Empty)
                : new DecodedText(text, "windows-1252", null, DecodeProblem.None);
        }

        if (bytes.IndexOf((byte)0) >= 0 && declared is not UnicodeEncoding)
        {
            return new DecodedText(null, "binary", null, DecodeProblem.Binary);
        }

        var decoded = declared.GetString(bytes);
        return string.IsNullOrWhiteSpace(decoded)
            ? new DecodedText(null, declared.WebName, null, DecodeProblem.Empty)
            : new DecodedText(decoded, declared.WebName, null, DecodeProblem.None);
    }

    /// <summary>Maps a charset label to an encoding, or returns <see langword="null"/> for an unknown label.</summary>
    /// <param name="label">A label such as <c>utf-8</c>, <c>ISO-8859-1</c> or <c>windows-1251</c>.</param>
    /// <returns>The encoding, with the browser's aliases applied (Latin-1 and ASCII are Windows-1252).</returns>
    public static Encoding? Resolve(string? label)
    {
        if (string.IsNullOrWhiteSpace(label))
        {
            return null;
        }

        var name = label.Trim().Trim('"', '\'').ToLowerInvariant();
        switch (name)
        {
            case "utf-8" or "utf8" or "unicode-1-1-utf-8":
                return Encoding.UTF8;
            case "iso-8859-1" or "iso8859-1" or "latin1" or "l1" or "us-ascii" or "ascii" or "cp1252" or "windows-1252" or "x-cp1252":
                return CodePagesEncodingProvider.Instance.GetEncoding(1252);
            case "utf-16" or "utf-16le" or "utf-16be":
                // A page cannot declare UTF-16 from inside itself (WHATWG: the declaration is read as UTF-8).
                return Encoding.UTF8;
        }

        try
        {
            return CodePagesEncodingProvider.Instance.GetEncoding(name) ?? Encoding.GetEncoding(name);
        }
        catch (ArgumentException)
        {
            return null;
        }
    }

    /// <summary>Finds the charset a page declares in a <c>&lt;meta&gt;</c> tag near its start.</summary>
    /// <param name="bytes">The page's bytes; only the first <see cref="PrescanLength"/> are read.</param>
    /// <returns>The declared label, or <see langword="null"/>.</returns>
    public static string? PrescanCharset(ReadOnlySpan<byte> bytes)
    {
        var head = bytes[..Math.Min(bytes.Length, PrescanLength)];
        // ASCII-compatible encodings only: the tag itself is ASCII, so a Latin-1 view of the bytes finds it.
        var text = Encoding.Latin1.GetString(head);
        var at = 0;
        while ((at = text.IndexOf("<meta", at, StringComparison.OrdinalIgnoreCase)) >= 0)
        {
            var end = text.IndexOf('>', at);
            if (end < 0)
            {
                return null;
            }

            var tag = text.AsSpan(at, end - at);
            at = end;
            var charset = AttributeValue(tag, "charset");
            if (charset is not null)
            {
                return charset;
            }

            var equiv = AttributeValue(tag, "http-equiv");
            var content = AttributeValue(tag, "content");
            if (equiv is not null && content is not null && equiv.Equals("content-type", StringComparison.OrdinalIgnoreCase))
            {
                var i = content.IndexOf("charset", StringComparison.OrdinalIgnoreCase);
                if (i >= 0)
                {
                    var value = content[(i + "charset".Length)..].TrimStart(' ', '=');
                    var stop = value.IndexOfAny([';', ' ', '"', '\'']);
                    return stop < 0 ? value : value[..stop];
                }
            }
        }

        return null;
    }

    private static string? AttributeValue(ReadOnlySpan<char> tag, string name)
    {
        var i = 0;
        while (i < tag.Length)
        {
            var found = tag[i..].IndexOf(name, StringComparison.OrdinalIgnoreCase);
            if (found < 0)
            {
                return null;
            }

            var start = i + found;
            var after = start + name.Length;
            i = after;
            // The name must stand alone: "charset" must not match inside "data-charset-x".
            if (start > 0 && !char.IsWhiteSpace(tag[start - 1]))
            {
                continue;
            }

            var rest = tag[after..].TrimStart();
            if (rest.IsEmpty || rest[0] != '=')
            {
                continue;
            }

            rest = rest[1..].TrimStart();
            if (rest.IsEmpty)
            {
                return null;
            }

            if (rest[0] is '"' or '\'')
            {
                var quote = rest[0];
                var close = rest[1..].IndexOf(quote);
                return (close < 0 ? rest[1..] : rest.Slice(1, close)).Trim().ToString();
            }

            var stop = rest.IndexOfAny(AttributeEnd);
            return (stop < 0 ? rest : rest[..stop]).ToString();
        }

        return null;
    }
}
