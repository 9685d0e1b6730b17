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
/// <remarks>First names are a hand list of names common in international news (its gender wins) and the US Census
/// Bureau's 1990 first-name lists (Data/first-names.tsv, about 5,000 names; see Data/README.md), less the names
/// that are far more often other capitalised words in news ("Royal", "Major", "China", "Will").</remarks>
internal static class NameLexicon
{
    private static readonly Dictionary<string, Gender> Honorifics = new(StringComparer.OrdinalIgnoreCase)
    {
        ["mr"] = Gender.Male, ["mrs"] = Gender.Female, ["ms"] = Gender.Female, ["miss"] = Gender.Female,
        ["dr"] = Gender.Unknown, ["sir"] = Gender.Male, ["dame"] = Gender.Female, ["lord"] = Gender.Male,
        ["lady"] = Gender.Female, ["prof"] = Gender.Unknown, ["mx"] = Gender.Unknown,
        ["professor"] = Gender.Unknown, ["reverend"] = Gender.Unknown, ["rev"] = Gender.Unknown,
    };

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

        foreach (var (name, gender) in LoadCensusNames())
        {
            d.TryAdd(name, gender);
        }

        return d;
    }

    /// <summary>Capitalised words that the census lists as first names but that news prints far more often as
    /// something else: titles, places, months, common words.</summary>
    private static readonly HashSet<string> NotFirstNames = new(StringComparer.OrdinalIgnoreCase)
    {
        "royal", "major", "king", "prince", "princess", "duke", "earl", "baron", "bishop", "rabbi", "mayor", "judge",
        "sergeant", "general", "private", "grand", "young", "rich", "noble", "golden", "sterling", "will", "may",
        "june", "april", "august", "january", "china", "india", "asia", "africa", "america", "israel", "jordan",
        "georgia", "virginia", "carolina", "florida", "dakota", "kansas", "chad", "christmas", "easter", "sunday",
        "monday", "friday", "page", "art", "guy", "pat", "bay", "chase", "lane", "hall", "hill", "price", "rose",
        "hope", "faith", "honor", "honour", "justice", "liberty", "glory", "star", "sky", "summer",
        "winter", "autumn", "dawn", "crystal", "ruby", "pearl", "amber", "ivory", "coral", "jade", "olive", "cherry",
        "holly", "ivy", "iris", "lily", "daisy", "violet", "hazel", "heather", "brandy", "sherry", "tuesday",
        "french", "english", "irish", "german", "cuba", "kenya", "paris", "london", "sydney", "houston", "dallas",
        "austin", "denver", "phoenix", "orlando", "savannah", "aurora", "madison", "regina", "lincoln",
        "washington", "jackson", "cleveland", "marshall", "fox", "bear", "gay", "merry", "sunny", "misty", "storm",
        "love", "angel", "precious", "unique", "destiny", "trinity", "miracle", "genesis", "harmony", "melody",
        "mercy", "charity", "patience", "prudence", "constance", "verity", "memory", "shadow", "bud", "buck",
        "chip", "rod", "rocky", "dusty", "rusty", "sonny", "sandy", "woody",
    };

    /// <summary>The share (percent of people of one gender) under which a census name gets no gender.</summary>
    private const double MinGenderShare = 0.03;

    // Declared after the sets Build reads: static fields are initialised in text order.
    private static readonly Dictionary<string, Gender> FirstNames = Build();

    /// <summary>Reads the embedded census lists; names in <see cref="NotFirstNames"/>, the title lexicon, the places and
    /// organisations, or the stopwords are left out.</summary>
    private static List<(string Name, Gender Gender)> LoadCensusNames()
    {
        using var stream = typeof(NameLexicon).Assembly.GetManifestResourceStream("ClaimCompare.Core.Claims.Data.first-names.tsv")
            ?? throw new InvalidOperationException("The embedded first-name list is missing.");
        using var reader = new StreamReader(stream);
        var names = new List<(string, Gender)>(5200);
        while (reader.ReadLine() is { } line)
        {
            if (line.Length == 0 || line[0] == '#')
            {
                continue;
            }

            var fields = line.Split('\t');
            if (fields.Length < 2 || NotFirstNames.Contains(fields[0]) || TitleLexicon.IsTitleWord(fields[0])
                || NotPeople.Contains(fields[0]) || Stopwords.Contains(fields[0]))
            {
                continue;
            }

            // A rare name's census gender says little about a name from another country ("Effie Defrin" is a man).
            var common = fields.Length > 2 && double.TryParse(fields[2], System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var share) && share >= MinGenderShare;
            var gender = !common ? Gender.Unknown : fields[1] switch { "F" => Gender.Female, "M" => Gender.Male, _ => Gender.Unknown };
            names.Add((fields[0], gender));
        }

        return names;
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
