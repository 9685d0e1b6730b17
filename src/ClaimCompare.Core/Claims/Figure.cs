namespace ClaimCompare.Core.Claims;

/// <summary>What a figure measures; only figures of the same kind may be compared.</summary>
public enum FigureKind
{
    /// <summary>A number of things: troops, members, votes, Democrats.</summary>
    Count,

    /// <summary>An amount of money; <see cref="Figure.Currency"/> says which currency when printed.</summary>
    Money,

    /// <summary>A percentage (the value is the number of percent, 12 for "12%").</summary>
    Percent,

    /// <summary>A calendar year ("in 2014"); never a count.</summary>
    Year,

    /// <summary>A calendar date ("Jan. 27", "January 12, 2022", "2022-01-13").</summary>
    Date,

    /// <summary>A length of time ("four hours", "four-hour meeting"); the unit is the <see cref="Figure.Noun"/>.</summary>
    Duration,

    /// <summary>An ordinal ("first", "2nd"); the value is the rank.</summary>
    Ordinal,

    /// <summary>Anything else with a number that is not compared as a quantity: ages ("54-year-old"), scores ("3-1"),
    /// multipliers ("three times").</summary>
    Other,

    /// <summary>A physical quantity with a unit: length, mass, speed, power, data, temperature ("450bhp", "128GB",
    /// "minus 40 degrees"); <see cref="Figure.Unit"/> names the unit.</summary>
    Measure,

    /// <summary>A clock time ("11.30am", "7:45 p.m.", "1200 GMT"); the value is the hour of the day (19.75 for 7:45 p.m.)
    /// when it can be read, and a time is never compared as a quantity.</summary>
    Time,
}

/// <summary>Whether a figure states a level or the size of a change.</summary>
/// <remarks>"Shares climbed 4.2% to 310p": 4.2% is a change (<see cref="Up"/>), 310p a level (<see cref="None"/>). A change's
/// <see cref="Figure.Value"/> and bounds are magnitudes (never negative); the direction carries the sign. A change is never
/// compared with a level.</remarks>
public enum FigureDirection
{
    /// <summary>A level: what something is, not by how much it moved.</summary>
    None,

    /// <summary>A rise: "rose 5%", "up 27%", "a 30% hike", "24% higher than", "+2.3%".</summary>
    Up,

    /// <summary>A fall: "fell 1.2%", "down 12 cents", "a 40% drop", "30% less", "DAX -0.8%".</summary>
    Down,
}

/// <summary>A number the text states, read as an interval of the values the wording allows.</summary>
/// <remarks>
/// <para>Bounds: <see cref="Low"/> and <see cref="High"/> are <see langword="null"/> when the interval is open on
/// that side ("at least 10" has no upper bound). Exclusive bounds are stored as the stated number with
/// <see cref="LowInclusive"/> or <see cref="HighInclusive"/> set to <see langword="false"/>: "more than 10,000" is
/// <c>Low = 10000, LowInclusive = false, High = null</c>. No epsilon is ever added.</para>
/// <para>Spans index the ORIGINAL document text: <c>original.Substring(Start, End - Start) == Text</c>.</para>
/// </remarks>
public sealed record Figure
{
    /// <summary>Start of the figure's wording (hedge included) in the original text, inclusive.</summary>
    public required int Start { get; init; }

    /// <summary>End of the figure's wording in the original text, exclusive.</summary>
    public required int End { get; init; }

    /// <summary>The figure's wording as printed, hedge and scale words included ("close to 100,000").</summary>
    public required string Text { get; init; }

    /// <summary>What the figure measures.</summary>
    public required FigureKind Kind { get; init; }

    /// <summary>The stated number (100000 for "close to 100,000"; 2022 for a year; the rank for an ordinal);
    /// <see langword="null"/> for vague quantities ("dozens"), dates and <see cref="FigureKind.Other"/>.</summary>
    public double? Value { get; init; }

    /// <summary>Lower bound of the interval, or <see langword="null"/> when open below.</summary>
    public double? Low { get; init; }

    /// <summary>Upper bound of the interval, or <see langword="null"/> when open above.</summary>
    public double? High { get; init; }

    /// <summary>Whether <see cref="Low"/> belongs to the interval; meaningless when <see cref="Low"/> is null.</summary>
    public bool LowInclusive { get; init; } = true;

    /// <summary>Whether <see cref="High"/> belongs to the interval; meaningless when <see cref="High"/> is null.</summary>
    public bool HighInclusive { get; init; } = true;

    /// <summary>The hedge that shaped the interval, lower-cased ("close to", "more than"), or null.</summary>
    public string? Hedge { get; init; }

    /// <summary>ISO 4217-ish currency code for money ("USD", "GBP", "EUR"), or null.</summary>
    public string? Currency { get; init; }

    /// <summary>The normalised unit, or null for a plain count (and for years, dates, times and ordinals).</summary>
    /// <remarks>Money: the ISO 4217 code (pence and cents are converted to pounds and dollars: "274.5p" is 2.745 GBP).
    /// Percent: <c>%</c>, <c>pp</c> (percentage points) or <c>bp</c> (basis points); points of an index or a score: <c>pt</c>.
    /// Durations and measures: the canonical symbol of the printed unit from the unit lexicon (<c>h</c>, <c>d</c>, <c>mo</c>,
    /// <c>yr</c>, <c>km</c>, <c>mph</c>, <c>hp</c>, <c>GB</c>, <c>°C</c>, ...); values are not converted between units.</remarks>
    public string? Unit { get; init; }

    /// <summary>Whether the figure is a level or a rise or fall; see <see cref="FigureDirection"/>.</summary>
    public FigureDirection Direction { get; init; }

    /// <summary>The counted noun as printed ("troops", "Democrats", "hour" in "four-hour"), or null when none follows.</summary>
    public string? Noun { get; init; }

    /// <summary>Lower-cased, lemma-ish content words and names of the figure's clause, stopwords removed,
    /// in text order without duplicates.</summary>
    public IReadOnlyList<string> Context { get; init; } = [];

    /// <summary>Index of the passage the figure was found in.</summary>
    public required int PassageIndex { get; init; }

    /// <summary>Whether <paramref name="other"/>'s interval shares at least one value with this one's.</summary>
    /// <param name="other">Another figure; its kind is not checked.</param>
    /// <returns><see langword="true"/> when the intervals overlap, honouring exclusive bounds.</returns>
    public bool Overlaps(Figure other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return Below(Low, LowInclusive, other.High, other.HighInclusive)
            && Below(other.Low, other.LowInclusive, High, HighInclusive);
    }

    // low ≤ high (or < when either side is exclusive); an open side never excludes anything.
    private static bool Below(double? low, bool lowInclusive, double? high, bool highInclusive)
    {
        if (low is null || high is null)
        {
            return true;
        }

        return lowInclusive && highInclusive ? low.Value <= high.Value : low.Value < high.Value;
    }
}
