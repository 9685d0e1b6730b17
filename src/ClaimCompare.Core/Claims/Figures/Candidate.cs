namespace ClaimCompare.Core.Claims.Figures;

/// <summary>What a candidate is; the resolver prefers the higher ones where candidates overlap.</summary>
internal enum CandidateSource
{
    /// <summary>A number with its currency, unit or percent sign.</summary>
    Quantity = 20,

    /// <summary>An ordinal ("second", "14th"): "14th" is never the count 14.</summary>
    Ordinal = 25,

    /// <summary>Two numbers read as one range ("six to seven thousand").</summary>
    Range = 30,

    /// <summary>A date, clock time or year.</summary>
    Calendar = 40,

    /// <summary>Something with digits that is not a figure (a model name, an identifier): claimed so nothing else reads it.</summary>
    NonFigure = 50,
}

/// <summary>A proposed figure over tokens [<see cref="First"/>, <see cref="End"/>): what a recogniser read, before the
/// resolver chooses among overlapping proposals and the interpreter adds hedge, direction, bounds and noun.</summary>
internal struct Candidate
{
    public int First;

    public int End;

    /// <summary>Token of the number itself (after a currency prefix), for direction and hedge look-behind.</summary>
    public int NumberFirst;

    /// <summary>Token after the number and its unit, where the counted noun may start.</summary>
    public int NounStart;

    public CandidateSource Source;

    public FigureKind Kind;

    /// <summary>The stated value in the printed unit (NaN when there is none: ranges, vague quantities, dates).</summary>
    public double Value;

    /// <summary>Explicit bounds for ranges and vague quantities (printed unit); NaN when the interpreter computes them.</summary>
    public double Low;

    public double High;

    public bool HighExclusive;

    public double Roundness;

    /// <summary>Multiplier from the printed unit to <see cref="Unit"/> (0.01 for pence to pounds), applied after the bounds.</summary>
    public double Factor;

    public string? Unit;

    /// <summary>The unit's dimension and factor to its base unit (from the unit lexicon), for ranges across units.</summary>
    public string? Dimension;

    public double UnitFactor;

    public string? Currency;

    /// <summary>The interval may not go below zero (counts, money, lengths; not temperatures or percent levels).</summary>
    public bool NonNegative;

    /// <summary>A fraction or a vague quantity: the stated number is exact (no roundness width).</summary>
    public bool Exact;

    /// <summary>-1 or +1 when a sign was printed; 0 otherwise.</summary>
    public int Sign;

    /// <summary>The noun given by a hyphen form ("30-nation"), or null to look for one after <see cref="NounStart"/>.</summary>
    public string? Noun;

    /// <summary>A vague quantity ("dozens"): hedges bend its range rather than a value.</summary>
    public bool Vague;

    /// <summary>The candidate reads a range, so hedges are not applied.</summary>
    public bool IsRange;

    /// <summary>A hyphen form used as an adjective ("a five-foot putt", "the four-hour meeting"): never a change.</summary>
    public bool Adjectival;

    public readonly int Length => End - First;

    public static Candidate Claim(int first, int end, CandidateSource source, FigureKind kind) => new()
    {
        First = first,
        End = end,
        NumberFirst = first,
        NounStart = end,
        Source = source,
        Kind = kind,
        Value = double.NaN,
        Low = double.NaN,
        High = double.NaN,
        Roundness = 1,
        Factor = 1,
    };
}
