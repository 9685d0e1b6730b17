namespace ClaimCompare.Core.Claims;

/// <summary>The words titles and roles are built from: heads ("minister", "spokesman"), modifiers ("deputy",
/// "foreign"), organisations used as modifiers ("Kremlin", "NATO"), nationalities ("Russian", "US").</summary>
internal static class TitleLexicon
{
    private static readonly HashSet<string> Heads = new(StringComparer.OrdinalIgnoreCase)
    {
        "president", "vice-president", "president-elect", "minister", "secretary", "secretary-general", "spokesman",
        "spokeswoman", "spokesperson", "senator", "sen", "representative", "rep", "leader", "chief", "director",
        "ambassador", "envoy", "chancellor", "governor", "mayor", "judge", "justice", "chairman", "chairwoman",
        "chair", "ceo", "commander", "general", "admiral", "colonel", "captain", "king", "queen", "prince",
        "princess", "pope", "premier", "coach", "manager", "prosecutor", "head", "official", "diplomat",
        "negotiator", "economist", "analyst", "founder", "executive", "officer", "lawmaker", "congressman",
        "congresswoman", "mp", "speaker", "emir", "sheikh", "striker", "midfielder", "goalkeeper", "captain",
        "professor", "counsel", "attorney", "inspector", "lieutenant", "sergeant", "marshal", "commissioner",
        "chancellor", "governor-general", "presenter", "correspondent", "editor", "researcher", "scientist",
        "forecaster", "meteorologist", "superintendent", "strategist", "adviser", "advisor", "candidate",
        "challenger", "incumbent", "chairperson", "treasurer", "auditor", "mediator", "monarch", "archbishop",
        "bishop", "cardinal", "rabbi", "imam", "physician", "doctor", "surgeon", "epidemiologist", "owner",
        "president's", "champion", "coordinator", "administrator", "regulator", "deputy", "brigadier", "major", "corporal",
        "commodore", "constable", "detective", "sgt", "lt", "col", "gen", "capt", "cpl", "magistrate",
    };

    private static readonly HashSet<string> Modifiers = new(StringComparer.OrdinalIgnoreCase)
    {
        "deputy", "assistant", "vice", "prime", "foreign", "defense", "defence", "interior", "finance", "health",
        "state", "acting", "former", "top", "senior", "chief", "first", "permanent", "majority", "minority", "senate",
        "house", "federal", "national", "general", "separatist", "opposition", "rebel", "executive", "security",
        "economy", "economic", "trade", "energy", "environment", "education", "labour", "labor", "armed", "forces",
        "military", "party", "central", "bank", "governing", "ruling", "press", "communications", "white", "union",
        "european", "council", "team", "club", "election", "campaign", "county", "city", "regional", "district",
        "police", "fire", "emergency", "un", "eu", "nato", "kremlin", "pentagon", "republican", "democratic",
        "democrat", "conservative", "liberal", "green", "managing", "operating", "financial", "information",
        "lead", "chief's", "treasury", "justice", "transport", "agriculture", "culture", "sports", "home",
        "intelligence", "staff", "joint", "high", "special", "presidential", "parliamentary", "supreme", "court",
        "cabinet", "government", "ministry", "department", "agency", "company", "committee", "commission", "fund",
        "imf", "osce", "fbi", "cia", "navy", "army", "air", "force", "coast", "guard", "marine", "corps",
        "world", "global", "international", "relations", "affairs", "development", "news", "women's", "men's",
        "climate", "veteran", "longtime", "interim", "incoming", "outgoing", "newly", "elected", "appointed",
        "independent", "associate", "lieutenant", "attorney", "postmaster", "surgeon", "secretary",
    };

    private static readonly Dictionary<string, string> Nationalities = new(StringComparer.OrdinalIgnoreCase)
    {
        ["us"] = "us", ["u.s."] = "us", ["american"] = "us", ["russian"] = "russian", ["ukrainian"] = "ukrainian",
        ["british"] = "british", ["uk"] = "british", ["u.k."] = "british", ["french"] = "french", ["german"] = "german",
        ["chinese"] = "chinese", ["turkish"] = "turkish", ["belarusian"] = "belarusian", ["polish"] = "polish",
        ["italian"] = "italian", ["spanish"] = "spanish", ["japanese"] = "japanese", ["indian"] = "indian",
        ["israeli"] = "israeli", ["palestinian"] = "palestinian", ["iranian"] = "iranian", ["syrian"] = "syrian",
        ["canadian"] = "canadian", ["australian"] = "australian", ["brazilian"] = "brazilian", ["mexican"] = "mexican",
        ["korean"] = "korean", ["nigerian"] = "nigerian", ["kenyan"] = "kenyan", ["egyptian"] = "egyptian",
        ["saudi"] = "saudi", ["dutch"] = "dutch", ["swedish"] = "swedish", ["finnish"] = "finnish",
        ["norwegian"] = "norwegian", ["danish"] = "danish", ["estonian"] = "estonian", ["latvian"] = "latvian",
        ["lithuanian"] = "lithuanian", ["georgian"] = "georgian", ["hungarian"] = "hungarian", ["czech"] = "czech",
        ["greek"] = "greek", ["irish"] = "irish", ["scottish"] = "scottish", ["welsh"] = "welsh", ["english"] = "english",
        ["pakistani"] = "pakistani", ["afghan"] = "afghan", ["iraqi"] = "iraqi", ["venezuelan"] = "venezuelan",
        ["argentine"] = "argentine", ["chilean"] = "chilean", ["colombian"] = "colombian", ["peruvian"] = "peruvian",
        ["philippine"] = "philippine", ["indonesian"] = "indonesian", ["thai"] = "thai", ["vietnamese"] = "vietnamese",
        ["south"] = "", ["north"] = "",
    };

    private static readonly Dictionary<string, string> CountryPossessives = new(StringComparer.OrdinalIgnoreCase)
    {
        ["russia"] = "russian", ["ukraine"] = "ukrainian", ["america"] = "us", ["britain"] = "british",
        ["china"] = "chinese", ["france"] = "french", ["germany"] = "german", ["turkey"] = "turkish",
        ["japan"] = "japanese", ["india"] = "indian", ["israel"] = "israeli", ["iran"] = "iranian",
        ["canada"] = "canadian", ["australia"] = "australian", ["brazil"] = "brazilian", ["mexico"] = "mexican",
        ["poland"] = "polish", ["italy"] = "italian", ["spain"] = "spanish", ["nigeria"] = "nigerian",
        ["kenya"] = "kenyan", ["egypt"] = "egyptian",
    };

    public static bool IsHead(ReadOnlySpan<char> word) => Heads.GetAlternateLookup<ReadOnlySpan<char>>().Contains(word);

    public static bool IsModifier(ReadOnlySpan<char> word) => Modifiers.GetAlternateLookup<ReadOnlySpan<char>>().Contains(word);

    /// <summary>The nationality key a word names ("Russian" → "russian", "U.S." → "us"), or null.</summary>
    public static string? Nationality(ReadOnlySpan<char> word) =>
        Nationalities.GetAlternateLookup<ReadOnlySpan<char>>().TryGetValue(word, out var n) ? n : null;

    /// <summary>The nationality a country's possessive names ("Russia's" → "russian"), or null.</summary>
    public static string? CountryPossessive(ReadOnlySpan<char> word)
    {
        var stripped = Words.StripPossessive(word);
        if (stripped.Length == word.Length)
        {
            return null;
        }

        return CountryPossessives.GetAlternateLookup<ReadOnlySpan<char>>().TryGetValue(stripped, out var n) ? n : null;
    }

    /// <summary>Whether a word may be part of a title.</summary>
    public static bool IsTitleWord(ReadOnlySpan<char> word) =>
        IsHead(word) || IsModifier(word) || Nationality(word) is not null;
}
