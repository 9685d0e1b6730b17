namespace ClaimCompare.Core.Claims;

/// <summary>Word lists the figure extractor types numbers with: months, units of time, currencies.</summary>
internal static class FigureLexicon
{
    private static readonly Dictionary<string, int> Months = new(StringComparer.OrdinalIgnoreCase)
    {
        ["january"] = 1, ["february"] = 2, ["march"] = 3, ["april"] = 4, ["may"] = 5, ["june"] = 6, ["july"] = 7,
        ["august"] = 8, ["september"] = 9, ["october"] = 10, ["november"] = 11, ["december"] = 12,
        ["jan"] = 1, ["feb"] = 2, ["mar"] = 3, ["apr"] = 4, ["jun"] = 6, ["jul"] = 7, ["aug"] = 8, ["sep"] = 9,
        ["sept"] = 9, ["oct"] = 10, ["nov"] = 11, ["dec"] = 12,
    };

    private static readonly HashSet<string> DurationUnits = new(StringComparer.OrdinalIgnoreCase)
    {
        "second", "seconds", "minute", "minutes", "hour", "hours", "day", "days", "week", "weeks", "fortnight",
        "fortnights", "month", "months", "year", "years", "decade", "decades", "century", "centuries", "hr", "hrs",
        "min", "mins", "night", "nights",
    };

    private static readonly HashSet<string> MeasureUnits = new(StringComparer.OrdinalIgnoreCase)
    {
        "magnitude", "metre", "meter", "kilometre", "kilometer", "km", "mile", "foot", "feet", "inch", "tonne", "ton",
        "kg", "kilogram", "degree", "storey", "story", "point", "acre", "hectare", "litre", "liter", "yard", "pound",
        "megawatt", "gigawatt", "watt", "volt", "calorie", "mph", "kph",
    };

    private static readonly Dictionary<string, string> CurrencyWords = new(StringComparer.OrdinalIgnoreCase)
    {
        ["dollar"] = "USD", ["dollars"] = "USD", ["euro"] = "EUR", ["euros"] = "EUR", ["pound"] = "GBP",
        ["pounds"] = "GBP", ["sterling"] = "GBP", ["yen"] = "JPY", ["yuan"] = "CNY", ["rouble"] = "RUB",
        ["roubles"] = "RUB", ["ruble"] = "RUB", ["rubles"] = "RUB", ["rupee"] = "INR", ["rupees"] = "INR",
        ["hryvnia"] = "UAH", ["francs"] = "CHF", ["usd"] = "USD", ["eur"] = "EUR", ["gbp"] = "GBP",
    };

    private static readonly HashSet<string> IrregularPlurals = new(StringComparer.OrdinalIgnoreCase)
    {
        "people", "children", "men", "women", "police", "personnel", "staff", "cattle", "feet", "teeth", "mice",
        "geese", "data", "media", "crew", "infantry", "militia", "livestock", "aircraft", "sheep", "fish", "deer",
        "equipment", "voters",
    };

    /// <summary>The month number (1–12) a word names, or 0. "May" and "March" are only months when capitalised.</summary>
    public static int Month(ReadOnlySpan<char> word)
    {
        if (!Months.GetAlternateLookup<ReadOnlySpan<char>>().TryGetValue(word, out var m))
        {
            return 0;
        }

        return (m is 3 or 5) && !char.IsUpper(word[0]) ? 0 : m;
    }

    /// <summary>Units of measure other than time: "6.8-magnitude", "10-mile", "20-storey".</summary>
    public static bool IsMeasureUnit(ReadOnlySpan<char> word) =>
        MeasureUnits.GetAlternateLookup<ReadOnlySpan<char>>().Contains(word);

    public static bool IsDurationUnit(ReadOnlySpan<char> word) =>
        DurationUnits.GetAlternateLookup<ReadOnlySpan<char>>().Contains(word);

    public static string? CurrencyWord(ReadOnlySpan<char> word) =>
        CurrencyWords.GetAlternateLookup<ReadOnlySpan<char>>().TryGetValue(word, out var code) ? code : null;

    /// <summary>The currency a symbol stands for, or null.</summary>
    public static string? CurrencySymbol(char c) => c switch
    {
        '$' => "USD",
        '£' => "GBP",
        '€' => "EUR",
        '¥' => "JPY",
        '₽' => "RUB",
        '₴' => "UAH",
        '₹' => "INR",
        _ => null,
    };

    /// <summary>Whether a word looks like a plural noun: the natural end of a counted noun phrase.</summary>
    public static bool LooksPlural(ReadOnlySpan<char> word)
    {
        if (IrregularPlurals.GetAlternateLookup<ReadOnlySpan<char>>().Contains(word))
        {
            return true;
        }

        if (word.Length < 3 || Words.IsAllCaps(word))
        {
            return false;
        }

        var last = word[^1];
        var prev = word[^2];
        return (last == 's' && prev is not ('s' or 'u' or 'i') && !Tokenizer.IsApostrophe(prev));
    }
}
