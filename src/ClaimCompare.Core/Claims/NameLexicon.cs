namespace ClaimCompare.Core.Claims;

/// <summary>The grammatical gender a pronoun can resolve to.</summary>
internal enum Gender
{
    Unknown,
    Female,
    Male,
}

/// <summary>What tells names from other capitalised words: honorifics, common first names (with gender, for
/// resolving "he" and "she"), and the places and organisations that are never people.</summary>
internal static class NameLexicon
{
    private static readonly Dictionary<string, Gender> Honorifics = new(StringComparer.OrdinalIgnoreCase)
    {
        ["mr"] = Gender.Male, ["mrs"] = Gender.Female, ["ms"] = Gender.Female, ["miss"] = Gender.Female,
        ["dr"] = Gender.Unknown, ["sir"] = Gender.Male, ["dame"] = Gender.Female, ["lord"] = Gender.Male,
        ["lady"] = Gender.Female, ["prof"] = Gender.Unknown, ["mx"] = Gender.Unknown,
        ["professor"] = Gender.Unknown, ["reverend"] = Gender.Unknown, ["rev"] = Gender.Unknown,
    };

    private static readonly Dictionary<string, Gender> FirstNames = Build();

    private static readonly HashSet<string> NotPeople = new(StringComparer.OrdinalIgnoreCase)
    {
        "nato", "brussels", "kremlin", "white", "house", "moscow", "russia", "ukraine", "kyiv", "kiev", "washington",
        "geneva", "vienna", "europe", "european", "union", "eu", "un", "us", "u.s.", "usa", "america", "senate",
        "congress", "parliament", "pentagon", "crimea", "donbass", "donbas", "belarus", "georgia", "estonia",
        "latvia", "lithuania", "germany", "france", "britain", "china", "beijing", "london", "paris", "berlin",
        "west", "east", "north", "south", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday",
        "sunday", "january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
        "november", "december", "osce", "nord", "stream", "reuters", "afp", "ap", "associated", "press", "post",
        "times", "street", "avenue", "road", "council", "organization", "organisation", "ministry", "department",
        "god", "covid", "read", "related", "more", "stories", "video", "click", "credit", "photo", "pool", "live",
        "updates", "information", "republic", "federation", "armed", "forces", "turkey", "armenia", "azerbaijan",
        "asia", "africa", "australia", "canada", "india", "japan", "iran", "israel", "syria", "poland", "italy",
        "spain", "tokyo", "delhi", "sydney", "new", "york", "city", "county", "state", "states", "united",
        "kingdom", "party", "bank", "fund", "court", "league", "cup", "olympics", "world", "national", "federal",
        "democrats", "republicans", "democrat", "republican", "labour", "tories", "conservatives", "sunday's",
    };

    private static Dictionary<string, Gender> Build()
    {
        var d = new Dictionary<string, Gender>(StringComparer.OrdinalIgnoreCase);
        foreach (var n in "Wendy Maria Missy Robyn Ellen Christi Kamala Angela Ursula Hillary Nancy Liz Jacinda Theresa Mary Anna Sarah Emma Olga Elena Svetlana Natalia Marine Giorgia Sanna Annalena Kaja Victoria Jennifer Linda Susan Karen Lisa Laura Julia Jane Janet Margaret Elizabeth Catherine Kate Claire Helen Alice Sophie Rachel Rebecca Amy Michelle Melania Jill Nikki Samantha Christine Kristalina Mette Magdalena Roberta Ngozi Yulia Iryna Irina Tatiana Oksana Marta Amina Fatima Aisha Priya Sunita Mei Lin Yuki Sakura Ines Carmen Lucia Isabel Ana Sofia Chiara Giulia Eva Petra Ingrid Greta Astrid Nora Hanna Hannah Leila Zainab Grace Joy Esther Ruth Naomi Deborah Diana Monica Patricia Barbara Dorothy Sandra Donna Carol Sharon Heather Amanda Megan Jessica Ashley Emily Olivia Chloe Ella Mia Lucy Harriet Priti Suella Penny Yvette".Split(' '))
        {
            d[n] = Gender.Female;
        }

        foreach (var n in "Vladimir Joe Jens Dmitry Dmitri Sergei Sergey Alexander Aleksandr Alexandr Antony Ted Chuck Recep Denis Dmytro Volodymyr Boris Emmanuel Olaf Xi Donald Barack John James Robert Michael William David Richard Joseph Thomas Charles Christopher Daniel Matthew Anthony Mark Paul Steven Andrew Kenneth Joshua Kevin Brian George Edward Ronald Timothy Jason Jeffrey Ryan Jacob Gary Nicholas Eric Jonathan Stephen Larry Justin Scott Brandon Benjamin Samuel Frank Gregory Raymond Patrick Jack Dennis Jerry Tyler Aaron Jose Adam Henry Nathan Douglas Zachary Peter Kyle Walter Ethan Jeremy Harold Keith Christian Roger Noah Gerald Carl Terry Sean Austin Arthur Lawrence Jesse Dylan Bryan Jordan Billy Bruce Gabriel Logan Alan Juan Wayne Roy Ralph Randy Eugene Vincent Russell Louis Philip Bobby Johnny Bradley Lorne Perry Jari Mikhail Nikolai Ivan Yuri Igor Alexei Alexey Andrei Andriy Oleksiy Oleksii Viktor Petro Vitali Vitaliy Ramzan Yevgeny Maxim Pavel Lloyd Jake Ned Keir Rishi Emmanuel Mario Matteo Giuseppe Pedro Carlos Luis Miguel Javier Jair Luiz Ignacio Narendra Rahul Imran Shehbaz Benjamin Naftali Yair Mohammed Muhammad Ahmed Ali Hassan Hussein Abdullah Bashar Ebrahim Hamid Kim Fumio Shinzo Yoon Moon Jair Andres Gustavo Javier Cyril Abiy Paul Justin Scott Anthony Malcolm Olaf Friedrich Frank-Walter Mark Mette Ulf Jonas Sauli Kaja Andrzej Mateusz Viktor Petr Kiril Klaus Emmanuel Gerhard Helmut Nicolas Francois Jean Pierre Jacques Luc Michel Charles Lionel Cristiano Kylian Erling Harry Marcus Declan Bukayo Novak Rafael Roger Andy Lewis Max Sebastian Fernando Tiger Rory LeBron Stephen Kevin Tom Bill Jim Bob Mike Dan Ben Sam Nick Rob Chris Matt Tim Steve Greg Ron Ken Jon Joel Josh Zach Alex".Split(' '))
        {
            d.TryAdd(n, Gender.Male);
        }

        return d;
    }

    /// <summary>The gender an honorific implies, or null when the word is not an honorific.</summary>
    public static Gender? Honorific(ReadOnlySpan<char> word) =>
        Honorifics.GetAlternateLookup<ReadOnlySpan<char>>().TryGetValue(word, out var g) ? g : null;

    /// <summary>The gender of a known first name, or null when the word is not a known first name.</summary>
    public static Gender? FirstName(ReadOnlySpan<char> word) =>
        FirstNames.GetAlternateLookup<ReadOnlySpan<char>>().TryGetValue(word, out var g) ? g : null;

    /// <summary>Whether a capitalised word names a place, organisation, weekday or month: never a person.</summary>
    public static bool IsNotPerson(ReadOnlySpan<char> word) =>
        NotPeople.GetAlternateLookup<ReadOnlySpan<char>>().Contains(Words.StripPossessive(word));
}
