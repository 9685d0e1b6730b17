namespace ClaimCompare.Core.Text;

/// <summary>What a line of normalised text looks like: heading, sentence end, list item.</summary>
internal static class LineShape
{
    private const int MaxHeadingWords = 24;

    /// <summary>
    /// A heading is a short line with a letter in it and without closing punctuation
    /// ("Russia-NATO meeting ends without clear result", "Jan. 27: What you need to know today").
    /// </summary>
    public static bool IsHeading(ReadOnlySpan<char> line, int maxLength)
    {
        if (line.IsEmpty || line.Length > maxLength || EndsSentence(line) || line[^1] is ',' or ';' or ':' or '-')
        {
            return false;
        }

        var words = 1;
        var hasLetter = false;
        foreach (var c in line)
        {
            if (c == ' ' && ++words > MaxHeadingWords)
            {
                return false;
            }

            hasLetter |= char.IsLetter(c);
        }

        return hasLetter;
    }

    /// <summary>Whether the line ends with sentence-final punctuation, possibly followed by closing quotes or brackets.</summary>
    public static bool EndsSentence(ReadOnlySpan<char> line)
    {
        var i = line.Length - 1;
        while (i >= 0 && line[i] is '"' or '\'' or ')' or ']')
        {
            i--;
        }

        return i >= 0 && line[i] is '.' or '!' or '?' or '\u3002';
    }

    /// <summary>"- item", "* item", "1. item", "2) item".</summary>
    public static bool StartsListItem(ReadOnlySpan<char> line)
    {
        if (line.Length >= 2 && line[0] is '-' or '*' or '\u2022' or '\u25CF' && line[1] == ' ')
        {
            return true;
        }

        var digits = 0;
        while (digits < line.Length && digits < 4 && char.IsAsciiDigit(line[digits]))
        {
            digits++;
        }

        return digits is > 0 and < 4 && digits + 1 < line.Length && line[digits] is '.' or ')' && line[digits + 1] == ' ';
    }

    /// <summary>Whether a single line break between <paramref name="first"/> and <paramref name="second"/> only wraps one paragraph.</summary>
    /// <param name="first">The line before the break.</param>
    /// <param name="second">The line after it.</param>
    /// <param name="maxHeadingLength">The longest heading.</param>
    /// <param name="blankLineDocument">Whether the document separates paragraphs with blank lines. If it does, a
    /// line break is wrapping unless the first line ends a sentence or looks like a heading; if it does not (one
    /// paragraph per line), only unmistakable wrapping counts: the next line starts in lower case, or the first
    /// ends in a comma, dash, bracket or a word such as "the" or "on".</param>
    public static bool IsSoftBreak(ReadOnlySpan<char> first, ReadOnlySpan<char> second, int maxHeadingLength, bool blankLineDocument)
    {
        if (StartsListItem(second) || EndsSentence(first) || first[^1] == ':')
        {
            return false;
        }

        var lead = second[0] is '"' or '\'' or '(' && second.Length > 1 ? second[1] : second[0];
        if (char.IsLower(lead) || first[^1] is ',' or '-' or '(' or ';' || EndsWithFunctionWord(first))
        {
            return true;
        }

        return blankLineDocument && !IsHeading(first, Math.Min(maxHeadingLength, 60));
    }

    /// <summary>A line ending in "on", "the", "of" ... was cut by wrapping: headings do not end that way.</summary>
    private static bool EndsWithFunctionWord(ReadOnlySpan<char> line)
    {
        var space = line.LastIndexOf(' ');
        var word = line[(space + 1)..];
        return word is "a" or "an" or "the" or "of" or "on" or "in" or "to" or "for" or "with" or "at" or "by" or "from"
            or "and" or "or" or "but" or "that" or "as" or "than" or "its" or "their" or "his" or "her";
    }
}
