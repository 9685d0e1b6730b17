using System.Text;

namespace ClaimCompare.Core.Claims;

/// <summary>Small helpers for comparing and folding words of raw text.</summary>
internal static class Words
{
    public static bool Is(ReadOnlySpan<char> word, string value) =>
        word.Equals(value, StringComparison.OrdinalIgnoreCase);

    public static bool IsCapitalized(ReadOnlySpan<char> word) => word.Length > 0 && char.IsUpper(word[0]);

    public static bool IsAllCaps(ReadOnlySpan<char> word)
    {
        var letters = 0;
        foreach (var c in word)
        {
            if (char.IsLetter(c))
            {
                if (!char.IsUpper(c))
                {
                    return false;
                }

                letters++;
            }
        }

        return letters > 1;
    }

    /// <summary>The word without a trailing possessive ("Russia's" → "Russia").</summary>
    public static ReadOnlySpan<char> StripPossessive(ReadOnlySpan<char> word)
    {
        if (word.Length > 2 && (word[^1] == 's' || word[^1] == 'S') && Tokenizer.IsApostrophe(word[^2]))
        {
            return word[..^2];
        }

        return word;
    }

    /// <summary>Lower-cased, possessive removed, a crude plural stripped: a key for comparing words, not a lemma.</summary>
    public static string Key(ReadOnlySpan<char> word)
    {
        word = StripPossessive(word);
        var sb = new StringBuilder(word.Length);
        foreach (var c in word)
        {
            if (Tokenizer.IsApostrophe(c))
            {
                sb.Append('\'');
            }
            else
            {
                sb.Append(char.ToLowerInvariant(c));
            }
        }

        var n = sb.Length;
        if (n > 4 && sb[n - 3] == 'i' && sb[n - 2] == 'e' && sb[n - 1] == 's')
        {
            sb.Length = n - 3;
            sb.Append('y');
        }
        else if (n > 4 && sb[n - 1] == 's' && sb[n - 2] == 'e' && (sb[n - 3] is 'x' or 'z' || (sb[n - 3] == 'h' && sb[n - 4] is 'c' or 's') || (sb[n - 3] == 's' && sb[n - 4] == 's')))
        {
            sb.Length = n - 2;
        }
        else if (n > 3 && sb[n - 1] == 's' && sb[n - 2] is not ('s' or 'u' or 'i'))
        {
            sb.Length = n - 1;
        }

        return sb.ToString();
    }

    /// <summary>The word lower-cased, with curly apostrophes straightened.</summary>
    public static string Lower(ReadOnlySpan<char> word)
    {
        return string.Create(word.Length, word.ToString(), static (dest, src) =>
        {
            for (var i = 0; i < src.Length; i++)
            {
                var c = src[i];
                dest[i] = Tokenizer.IsApostrophe(c) ? '\'' : char.ToLowerInvariant(c);
            }
        });
    }
}
