using System.Collections.Frozen;

namespace ClaimCompare.Core.Text;

/// <summary>What the word before a period says about a possible sentence end.</summary>
internal enum AbbreviationKind
{
    /// <summary>An ordinary word or number: a period after it ends the sentence when a capital follows.</summary>
    None,

    /// <summary>A title or reference prefix (Mr., Gen., No., e.g.): never ends a sentence.</summary>
    Prefix,

    /// <summary>An abbreviation that may end a sentence (Inc., Jr., a.m., U.S., Jan., Calif., initials).</summary>
    MaySuffix,
}

/// <summary>The abbreviation and sentence-starter word lists of <see cref="SentenceSplitter"/>.</summary>
/// <remarks>
/// Matching is case-sensitive on purpose: "No. 5" is a prefix, "he said no. Then" ends a sentence, so
/// lower-case forms are listed only where they are not also ordinary words.
/// Ambiguous abbreviations (<see cref="AbbreviationKind.MaySuffix"/>) end a sentence only when the next
/// word is one that commonly starts sentences ("the U.S. The next day" splits, "the U.S. Senate" does not).
/// </remarks>
internal static class Abbreviations
{
    private static readonly FrozenSet<string> s_prefixes = FrozenSet.Create(StringComparer.Ordinal,
    [
        "Mr", "Mrs", "Ms", "Mx", "Messrs", "Mmes", "Dr", "Drs", "Prof", "Profs",
        "Gen", "Gens", "Lt", "Col", "Capt", "Cpt", "Maj", "Sgt", "Cpl", "Pvt", "Adm", "Cmdr", "Cdr", "Brig", "Cmdt",
        "Gov", "Govs", "Sen", "Sens", "Rep", "Reps", "Pres", "Supt", "Det", "Insp", "Rev", "Fr", "Hon", "Amb", "Atty", "Sec",
        "Mt", "Ft", "No", "Nos", "Nr", "Art", "Arts", "Fig", "Figs", "Vol", "Vols", "Ch", "Chap", "Para", "Pp",
        "vs", "v", "cf", "viz", "approx", "ca", "pp", "p",
        "e.g", "i.e", "E.g", "I.e",
    ]);

    private static readonly FrozenSet<string> s_maySuffixes = FrozenSet.Create(StringComparer.Ordinal,
    [
        "Jr", "Sr", "Inc", "Co", "Corp", "Ltd", "Plc", "plc", "Bros", "Esq", "PhD", "etc", "al", "Dept", "Univ", "Assn",
        "St", "Ste", "Ave", "Blvd", "Rd", "Sq", "Hwy",
        "Jan", "Feb", "Mar", "Apr", "Jun", "Jul", "Aug", "Sep", "Sept", "Oct", "Nov", "Dec",
        "Ala", "Ariz", "Ark", "Calif", "Colo", "Conn", "Del", "Fla", "Ga", "Ill", "Ind", "Kan", "Kans", "Ky", "La", "Md",
        "Mass", "Mich", "Minn", "Miss", "Mo", "Mont", "Neb", "Nev", "Okla", "Ore", "Pa", "Tenn", "Tex", "Va", "Vt",
        "Wash", "Wis", "Wyo",
        "min", "max", "est", "dept", "govt", "Govt", "Intl", "intl",
    ]);

    private static readonly FrozenSet<string> s_sentenceStarters = FrozenSet.Create(StringComparer.Ordinal,
    [
        "The", "A", "An", "And", "But", "Or", "So", "Yet", "Nor", "For", "He", "She", "It", "They", "We", "I", "You",
        "His", "Her", "Its", "Their", "Our", "My", "Your", "This", "That", "These", "Those", "There", "Here",
        "In", "On", "At", "By", "From", "With", "Without", "To", "Of", "As", "If", "When", "While", "After", "Before",
        "Since", "Although", "Though", "Because", "However", "Meanwhile", "Still", "Then", "Now", "Today",
        "Yesterday", "Tomorrow", "What", "Why", "How", "Who", "Where", "Which", "Some", "Many", "Most", "All", "Both",
        "Each", "Every", "Several", "Such", "Another", "No", "Not", "Neither", "Either", "Also", "Instead", "Earlier",
        "Later", "Last", "Next", "Despite", "During", "Under", "Over", "Asked", "According", "Officials",
    ]);

    private static readonly FrozenSet<string> s_speechVerbs = FrozenSet.Create(StringComparer.Ordinal,
    [
        "said", "says", "asked", "asks", "told", "tells", "added", "adds", "wrote", "writes", "replied", "replies",
        "insisted", "warned", "warns", "explained", "noted", "shouted", "continued", "stated", "tweeted", "wondered",
        "countered", "quipped", "demanded",
    ]);

    private static readonly FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> s_speechLookup = s_speechVerbs.GetAlternateLookup<ReadOnlySpan<char>>();
    private static readonly FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> s_prefixLookup = s_prefixes.GetAlternateLookup<ReadOnlySpan<char>>();
    private static readonly FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> s_suffixLookup = s_maySuffixes.GetAlternateLookup<ReadOnlySpan<char>>();
    private static readonly FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> s_starterLookup = s_sentenceStarters.GetAlternateLookup<ReadOnlySpan<char>>();

    /// <summary>Classifies the word (letters and inner periods, without the final period) before a period.</summary>
    public static AbbreviationKind Classify(ReadOnlySpan<char> word)
    {
        if (word.IsEmpty)
        {
            return AbbreviationKind.None;
        }

        if (s_prefixLookup.Contains(word))
        {
            return AbbreviationKind.Prefix;
        }

        if (word.Length == 1 || s_suffixLookup.Contains(word) || IsDottedAcronym(word))
        {
            // A single letter is an initial ("Wendy R. Sherman") or a letter-named thing ("Plan B.").
            return AbbreviationKind.MaySuffix;
        }

        return AbbreviationKind.None;
    }

    /// <summary>Whether <paramref name="word"/> commonly starts a sentence, so an ambiguous abbreviation before it ends one.</summary>
    public static bool IsSentenceStarter(ReadOnlySpan<char> word) => s_starterLookup.Contains(word);

    /// <summary>Whether <paramref name="word"/> is a verb that attributes a quotation ("said", "asked").</summary>
    public static bool IsSpeechVerb(ReadOnlySpan<char> word) => s_speechLookup.Contains(word);

    /// <summary>"U.S", "a.m", "D.C", "Ph.D": letter groups of one or two letters joined by periods.</summary>
    private static bool IsDottedAcronym(ReadOnlySpan<char> word)
    {
        var groups = 0;
        var groupLength = 0;
        foreach (var c in word)
        {
            if (c == '.')
            {
                if (groupLength == 0)
                {
                    return false;
                }

                groups++;
                groupLength = 0;
            }
            else if (++groupLength > 2)
            {
                return false;
            }
        }

        return groups >= 1 && groupLength > 0;
    }
}
