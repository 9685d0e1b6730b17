namespace ClaimCompare.Core.Claims;

/// <summary>English function words left out of a figure's context.</summary>
internal static class Stopwords
{
    private static readonly HashSet<string> Set = new(StringComparer.OrdinalIgnoreCase)
    {
        "a", "an", "the", "and", "or", "but", "nor", "so", "yet", "of", "in", "on", "at", "to", "from", "by", "for",
        "with", "without", "into", "onto", "upon", "about", "above", "below", "over", "under", "near", "along",
        "across", "after", "before", "since", "until", "during", "between", "among", "through", "than", "as",
        "is", "are", "was", "were", "be", "been", "being", "am", "has", "have", "had", "having", "do", "does",
        "did", "will", "would", "shall", "should", "can", "could", "may", "might", "must", "that", "this",
        "these", "those", "which", "who", "whom", "whose", "what", "where", "when", "while", "why", "how", "it",
        "its", "it's", "they", "them", "their", "theirs", "he", "him", "his", "she", "her", "hers", "we",
        "our", "you", "your", "i", "me", "my", "not", "no", "also", "just", "very", "some", "any", "all", "both",
        "each", "such", "there", "here", "then", "than", "too", "more", "most", "less", "least", "nearly",
        "almost", "around", "roughly", "approximately", "estimated", "least", "up", "out", "off", "if", "per",
        "cent", "percent", "only", "own", "other", "another", "same", "much", "many", "few", "fewer", "whether",
        "because", "although", "though", "however", "including", "according", "said", "says", "say", "told",
        "close", "like", "via", "against", "within", "amid", "toward", "towards", "again", "still", "even",
        "already", "now", "s", "de", "la", "versus", "vs",
    };

    public static bool Contains(ReadOnlySpan<char> word) =>
        Set.GetAlternateLookup<ReadOnlySpan<char>>().Contains(word);
}
