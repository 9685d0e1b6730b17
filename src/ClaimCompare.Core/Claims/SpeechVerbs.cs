namespace ClaimCompare.Core.Claims;

/// <summary>Verbs that attribute a quotation to a speaker ("said", "told", "warned", "according to").</summary>
internal static class SpeechVerbs
{
    private static readonly HashSet<string> Verbs = Build();

    private static HashSet<string> Build()
    {
        var set = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        string[] stems =
        [
            "say", "said", "says", "saying", "tell", "told", "tells", "telling",
        ];
        foreach (var s in stems)
        {
            set.Add(s);
        }

        // Regular verbs: base → -s, -ed, -ing.
        foreach (var b in "add state warn call describe insist claim urge reply ask note explain declare argue write tweet announce acknowledge admit counter stress emphasise emphasize remark predict vow promise concede caution complain recall suggest reiterate respond observe comment confirm deny assert maintain contend allege report repeat joke quip boast lament protest demand plead conclude answer affirm agree retort recount estimate cite question accuse shout chant yell scream whisper mutter exclaim".Split(' '))
        {
            set.Add(b.EndsWith('y') && !b.EndsWith("ay", StringComparison.Ordinal) ? b[..^1] + "ies" : b + "s");
            set.Add(b.EndsWith('e') ? b + "d" : b.EndsWith('y') && !b.EndsWith("ay", StringComparison.Ordinal) ? b[..^1] + "ied" : b + "ed");
            set.Add(b.EndsWith('e') && !b.EndsWith("ee", StringComparison.Ordinal) ? b[..^1] + "ing" : b + "ing");
        }

        foreach (var irregular in "wrote written writes writing spoke speaks speaking admitted admitting regretted quipped cried cries crying sang sings singing".Split(' '))
        {
            set.Add(irregular);
        }

        // Plurals of nouns far more often than verbs: "Russia's demands", "the claims".
        foreach (var noun in "demands claims calls reports notes comments states answers replies protests promises vows counters repeats remarks jokes quips pleas estimates questions".Split(' '))
        {
            set.Remove(noun);
        }

        return set;
    }

    /// <summary>Whether <paramref name="word"/> is a speech verb in any form.</summary>
    public static bool IsSpeechVerb(ReadOnlySpan<char> word) => Verbs.GetAlternateLookup<ReadOnlySpan<char>>().Contains(word);

    /// <summary>Whether the verb is a participle whose subject is the clause's ("…, saying that", "adding").</summary>
    public static bool IsParticiple(ReadOnlySpan<char> word) => word.EndsWith("ing", StringComparison.OrdinalIgnoreCase);
}
