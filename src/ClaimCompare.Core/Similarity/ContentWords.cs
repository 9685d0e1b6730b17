using System.Collections.Frozen;
using System.Runtime.CompilerServices;

namespace ClaimCompare.Core.Similarity;

/// <summary>
/// English function words and a light suffix stripper: what separates the content words that carry a
/// rewrite ("troops", "sovereignty") from the glue every sentence shares.
/// </summary>
/// <remarks>
/// Reporting verbs (<c>said</c>, <c>told</c>, <c>according</c>) are treated as function words: nearly
/// every news sentence has one, so sharing them is no evidence that two sentences report the same thing.
/// The stemmer only strips a handful of inflections (<c>-'s</c>, <c>-s</c>, <c>-es</c>, <c>-ies</c>,
/// <c>-ed</c>, <c>-ing</c>); it never has to produce a word, only the same key for two inflections.
/// </remarks>
internal static class ContentWords
{
    private static readonly FrozenSet<string> Stopwords = FrozenSet.Create(StringComparer.Ordinal,
    [
        "a", "about", "above", "after", "again", "against", "all", "also", "am", "an", "and", "any", "are", "as", "at",
        "be", "because", "been", "before", "being", "below", "between", "both", "but", "by", "can", "could", "did", "do",
        "does", "doing", "down", "during", "each", "even", "ever", "few", "for", "from", "further", "had", "has", "have",
        "having", "he", "her", "here", "hers", "herself", "him", "himself", "his", "how", "however", "i", "if", "in",
        "into", "is", "it", "its", "itself", "just", "may", "me", "might", "more", "most", "much", "must", "my", "myself",
        "no", "nor", "not", "now", "of", "off", "on", "once", "one", "only", "or", "other", "others", "our", "ours",
        "ourselves", "out", "over", "own", "same", "shall", "she", "should", "so", "some", "such", "than", "that", "the",
        "their", "theirs", "them", "themselves", "then", "there", "these", "they", "this", "those", "through", "to",
        "too", "under", "until", "up", "upon", "us", "very", "was", "we", "were", "what", "when", "where", "whether",
        "which", "while", "who", "whom", "whose", "why", "will", "with", "within", "without", "would", "yet", "you",
        "your", "yours", "yourself", "mr", "mrs", "ms", "dr", "s", "t", "don't", "didn't", "doesn't", "isn't", "wasn't",
        "won't", "can't", "it's", "he's", "she's", "that's", "there's", "they're", "we're", "i'm",
        "said", "says", "say", "saying", "told", "tell", "tells", "added", "adding", "adds", "stated", "states",
        "according", "claimed", "claims", "noted", "reported", "reportedly", "asked", "per",
    ]);

    private static readonly FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> StopwordLookup =
        Stopwords.GetAlternateLookup<ReadOnlySpan<char>>();

    /// <summary>Whether a case-folded token is a function word.</summary>
    public static bool IsStopword(ReadOnlySpan<char> folded) => StopwordLookup.Contains(folded);

    /// <summary>Strips common English inflections from a case-folded token in place.</summary>
    /// <returns>The new length of the token.</returns>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static int Stem(Span<char> token)
    {
        var n = token.Length;
        if (n > 2 && token[n - 2] == '\'' && token[n - 1] == 's')
        {
            n -= 2;
        }
        else if (n > 1 && token[n - 1] == '\'')
        {
            n--;
        }

        var word = token[..n];
        if (n > 4 && word.EndsWith("ies"))
        {
            word[n - 3] = 'y';
            return n - 2;
        }

        if (n > 4 && word.EndsWith("sses"))
        {
            return n - 2;
        }

        if (n > 3 && word[n - 1] == 's' && word[n - 2] is not ('s' or 'u' or 'i'))
        {
            n--;
            word = word[..n];
        }

        if (n > 5 && word.EndsWith("ing"))
        {
            return n - 3;
        }

        if (n > 4 && word.EndsWith("ed"))
        {
            return n - 2;
        }

        return n;
    }
}
