using System.Globalization;
using System.Runtime.CompilerServices;

namespace ClaimCompare.Core.Similarity;

/// <summary>A token found by <see cref="WordTokenizer"/>: a span of the input and what it looks like.</summary>
/// <param name="Start">Start of the token in the tokenised text (UTF-16 code units).</param>
/// <param name="Length">Length of the token.</param>
/// <param name="IsCapitalized">The token's first character is an upper-case letter.</param>
/// <param name="HasDigit">The token contains at least one decimal digit.</param>
internal readonly record struct WordToken(int Start, int Length, bool IsCapitalized, bool HasDigit);

/// <summary>
/// Splits normalised text into word tokens: runs of letters, digits and combining marks, kept together
/// across an apostrophe between letters (<c>Russia's</c>) and across <c>.</c> or <c>,</c> between digits
/// (<c>100,000</c>, <c>1.5</c>). Hyphens, dashes and all other punctuation separate tokens, so
/// <c>Secretary-General</c> and <c>Secretary General</c> give the same tokens.
/// </summary>
internal static class WordTokenizer
{
    /// <summary>An upper bound of the number of tokens in a text of <paramref name="length"/> characters.</summary>
    public static int MaxTokens(int length) => (length / 2) + 1;

    /// <summary>Writes the tokens of <paramref name="text"/> into <paramref name="tokens"/>.</summary>
    /// <returns>The number of tokens written.</returns>
    /// <exception cref="ArgumentException"><paramref name="tokens"/> is shorter than <see cref="MaxTokens"/>.</exception>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static int Tokenize(ReadOnlySpan<char> text, Span<WordToken> tokens)
    {
        if (tokens.Length < MaxTokens(text.Length))
        {
            throw new ArgumentException("The token buffer is too small for the text.", nameof(tokens));
        }

        var count = 0;
        var i = 0;
        while (i < text.Length)
        {
            if (!IsWordChar(text[i]))
            {
                i++;
                continue;
            }

            var start = i;
            var hasDigit = false;
            while (i < text.Length)
            {
                var c = text[i];
                if (IsWordChar(c))
                {
                    hasDigit |= c < 0x80 ? char.IsAsciiDigit(c) : char.IsDigit(c);
                    i++;
                    continue;
                }

                // Joiners count only between two word characters of the right kind.
                if (i + 1 < text.Length && i > start)
                {
                    var prev = text[i - 1];
                    var next = text[i + 1];
                    if ((c == '\'' || c == '\u2019') && char.IsLetter(prev) && char.IsLetter(next))
                    {
                        i++;
                        continue;
                    }

                    if ((c == ',' || c == '.') && char.IsDigit(prev) && char.IsDigit(next))
                    {
                        i++;
                        continue;
                    }
                }

                break;
            }

            tokens[count++] = new WordToken(start, i - start, char.IsUpper(text[start]), hasDigit);
        }

        return count;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static bool IsWordChar(char c)
    {
        if (char.IsAsciiLetterOrDigit(c))
        {
            return true;
        }

        if (c < 128)
        {
            return false;
        }

        if (char.IsLetterOrDigit(c) || char.IsSurrogate(c))
        {
            return true;
        }

        var category = CharUnicodeInfo.GetUnicodeCategory(c);
        return category is UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark;
    }
}
