using System.Collections.Frozen;

namespace ClaimCompare.Core.Comparison;

/// <summary>
/// Maps the words around a claim to comparable keys: a light stemmer plus classes of words that news
/// outlets use interchangeably when they reword one report ("drills" / "exercises", "amassed" /
/// "gathered" / "massing", "talks" / "meeting" / "discussions").
/// </summary>
/// <remarks>
/// The classes hold general newsroom vocabulary, not names from any one story. A word outside every class
/// is its own key. Stemming only has to give two inflections the same key, never a real word, so it strips
/// a handful of suffixes and keeps at least four characters.
/// </remarks>
internal static class TopicLexicon
{
    private static readonly string[][] Classes =
    [
        ["troop", "soldier", "force", "servicem", "servicemen", "personnel", "serviceman", "fighter"],
        ["member", "nation", "country", "state", "ally", "allie", "memberstate", "government"],
        ["drill", "exercis", "manoeuvr", "maneuv", "maneuver", "wargam", "training"],
        ["mass", "amass", "gather", "buildup", "concentrat", "deploy", "station", "assembl"],
        ["start", "begin", "began", "begun", "launch", "commenc", "kick"],
        ["talk", "meeting", "meet", "discussion", "discuss", "negotiation", "negotiat", "summit", "session", "conversat"],
        ["border", "frontier", "borderland"],
        ["kill", "dead", "death", "die", "fatalit", "perish"],
        ["injur", "wound", "hurt", "casualt"],
        ["arrest", "detain", "detention", "custody"],
        ["annex", "annexation", "seiz", "seizure", "takeover"],
        ["promis", "pledg", "vow", "commit", "commitment"],
        ["sanction", "penalt"],
        ["hour", "hr"],
        ["day", "days"],
        ["percent", "per", "cent"],
        ["dollar", "usd"],
        ["people", "person", "resident", "civilian", "individual"],
        ["home", "house", "building", "dwelling"],
        ["vote", "ballot"],
        ["election", "poll"],
        ["protester", "demonstrator", "protestor"],
        ["alliance", "bloc", "coalition"],
    ];

    private static readonly FrozenDictionary<string, string> ClassOf = BuildClasses();

    /// <summary>The comparable key of a (case-folded or not) word: its class representative or its stem.</summary>
    /// <param name="word">A single word.</param>
    /// <returns>A lower-case key; empty for an empty word.</returns>
    public static string Key(string word)
    {
        var stem = Stem(word);
        return ClassOf.TryGetValue(stem, out var representative) ? representative : stem;
    }

    /// <summary>Strips common English inflections and derivations, keeping at least four characters.</summary>
    public static string Stem(string word)
    {
        var w = word.ToLowerInvariant();
        if (w.EndsWith("'s", StringComparison.Ordinal))
        {
            w = w[..^2];
        }

        w = w.Replace("-", "", StringComparison.Ordinal);
        ReadOnlySpan<string> suffixes = ["ations", "ation", "ments", "ment", "ings", "ing", "ied", "ies", "ed", "es", "s", "e"];
        foreach (var suffix in suffixes)
        {
            if (w.Length - suffix.Length >= 4 && w.EndsWith(suffix, StringComparison.Ordinal))
            {
                w = w[..^suffix.Length];
                if (suffix is "ied" or "ies")
                {
                    w += "y";
                }

                break;
            }
        }

        // Demonyms to their country: "russian" -> "russia", "syrian" -> "syria".
        if (w.Length > 5 && w.EndsWith("ian", StringComparison.Ordinal))
        {
            w = w[..^1];
        }

        return w;
    }

    private static FrozenDictionary<string, string> BuildClasses()
    {
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var words in Classes)
        {
            var representative = Stem(words[0]);
            foreach (var word in words)
            {
                map.TryAdd(Stem(word), representative);
                map.TryAdd(word, representative);
            }
        }

        return map.ToFrozenDictionary(StringComparer.Ordinal);
    }
}
