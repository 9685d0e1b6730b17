using System.Globalization;
using ClaimCompare.Core.Text;

namespace ClaimCompare.Core.Claims;

/// <summary>Splits raw text into words, numbers and punctuation in one left-to-right pass.</summary>
/// <remarks>
/// Hand-written rather than a regular expression so that it is linear on any input (megabytes of digits
/// become one number token) and can keep raw offsets without a normalised copy of the text.
/// </remarks>
internal static class Tokenizer
{
    /// <summary>Tokenises <c>text[start..end)</c>; token offsets index <paramref name="text"/>.</summary>
    public static List<Token> Tokenize(string text, int start, int end)
    {
        var tokens = new List<Token>(Math.Max(4, (end - start) / 5));
        Tokenize(text, start, end, tokens);
        return tokens;
    }

    /// <summary>Tokenises <c>text[start..end)</c> into <paramref name="tokens"/> (appended); offsets index <paramref name="text"/>.</summary>
    public static void Tokenize(string text, int start, int end, List<Token> tokens)
    {
        var i = start;
        while (i < end)
        {
            var c = text[i];
            if (char.IsWhiteSpace(c) || char.IsControl(c))
            {
                i++;
                continue;
            }

            if (char.IsAsciiDigit(c))
            {
                var j = ScanNumber(text, i, end);
                tokens.Add(new Token(i, j, TokenKind.Number));
                i = j;
            }
            else if (char.IsLetter(c))
            {
                var j = ScanWord(text, i, end);
                tokens.Add(new Token(i, j, TokenKind.Word));
                i = j;
            }
            else if (c == '<' && Markup.Read(text, i, out var kind, out _) is > 0 and var length && kind != MarkupKind.Character)
            {
                // Inline markup in plain text ("said <b>Tom Smith</b>") is no word: skip it like whitespace.
                i += length;
            }
            else
            {
                // Keep surrogate pairs together so no token splits a code point.
                var j = char.IsHighSurrogate(c) && i + 1 < end && char.IsLowSurrogate(text[i + 1]) ? i + 2 : i + 1;
                tokens.Add(new Token(i, j, TokenKind.Punct));
                i = j;
            }
        }
    }

    private static int ScanWord(string text, int i, int end)
    {
        var start = i;
        while (i < end)
        {
            var c = text[i];
            if (char.IsLetter(c) || CharUnicodeInfo.GetUnicodeCategory(c) is UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark)
            {
                i++;
            }
            else if (IsApostrophe(c) && i + 1 < end && char.IsLetter(text[i + 1]) && i > start)
            {
                i++;
            }
            else
            {
                break;
            }
        }

        // Dotted abbreviations: "U.S.", "a.m.", "U.K." — single letters each followed by a period.
        if (i - start == 1 && i + 2 < end && text[i] == '.' && char.IsLetter(text[i + 1]) && text[i + 2] == '.')
        {
            i += 3;
            while (i + 1 < end && char.IsLetter(text[i]) && text[i + 1] == '.' && (i + 2 >= end || !char.IsLetter(text[i + 2])))
            {
                i += 2;
            }
        }

        return i;
    }

    private static int ScanNumber(string text, int i, int end)
    {
        var groupStart = i;
        while (i < end && char.IsAsciiDigit(text[i]))
        {
            i++;
        }

        var firstGroup = i - groupStart;
        var usedComma = false;
        var usedSpace = false;
        while (i < end)
        {
            var c = text[i];
            if (c == ',' && !usedSpace && firstGroup <= 3 && ThreeDigitsFollow(text, i + 1, end))
            {
                usedComma = true;
                i += 4;
            }
            else if ((c == ' ' || c == '\u00A0' || c == '\u202F' || c == '\u2009') && !usedComma && firstGroup <= 3
                && ThreeDigitsFollow(text, i + 1, end))
            {
                usedSpace = true;
                i += 4;
            }
            else
            {
                break;
            }
        }

        if (i + 1 < end && text[i] == '.' && char.IsAsciiDigit(text[i + 1]))
        {
            i++;
            while (i < end && char.IsAsciiDigit(text[i]))
            {
                i++;
            }
        }

        return i;
    }

    // Exactly three digits and then no further digit: "10,000" but not "1,5000" nor the list "1, 2".
    private static bool ThreeDigitsFollow(string text, int i, int end) =>
        i + 3 <= end
        && char.IsAsciiDigit(text[i]) && char.IsAsciiDigit(text[i + 1]) && char.IsAsciiDigit(text[i + 2])
        && (i + 3 == end || !char.IsAsciiDigit(text[i + 3]));

    public static bool IsApostrophe(char c) => c is '\'' or '\u2019' or '\u2018' or '\u02BC';

    public static bool IsHyphen(char c) => c is '-' or '\u2010' or '\u2011';

    public static bool IsDash(char c) => c is '\u2013' or '\u2014' or '\u2212';
}
