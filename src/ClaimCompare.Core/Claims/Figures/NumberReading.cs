namespace ClaimCompare.Core.Claims.Figures;

/// <summary>How a number was written; several may apply.</summary>
[Flags]
internal enum NumberForm
{
    None = 0,

    /// <summary>In digits ("3,000", "2.5").</summary>
    Digits = 1,

    /// <summary>In words ("four", "two dozen").</summary>
    Words = 2,

    /// <summary>With a scale word or suffix ("2.5 million", "3bn", "100k").</summary>
    Scaled = 4,

    /// <summary>A fraction of a whole ("three-quarters", "a fifth", "1/8"): a proportion unless a unit follows.</summary>
    Fraction = 8,

    /// <summary>A whole number and a fraction ("two and a half", "2½", "8 1/3").</summary>
    Mixed = 16,

    /// <summary>A vague quantity, a range rather than a value ("dozens", "tens of thousands").</summary>
    Vague = 32,

    /// <summary>Scientific notation ("6.02×10²³", "3e8").</summary>
    Scientific = 64,

    /// <summary>An explicit sign was printed ("-3", "+2.3", "minus 40").</summary>
    Signed = 128,
}

/// <summary>A number read from tokens [<see cref="First"/>, <see cref="End"/>): the first layer of figure recognition.</summary>
/// <remarks>Units, currencies, hedges and direction are not part of a number; the figure recognisers add them.
/// <see cref="Value"/> includes the scale; <see cref="Unscaled"/> is the number before it, so that a range can share a
/// scale ("six to seven thousand").</remarks>
internal struct NumberReading
{
    public int First;

    public int End;

    /// <summary>The value, scale and sign included; NaN for a vague quantity.</summary>
    public double Value;

    /// <summary>Low end of a vague quantity (equal to <see cref="Value"/> otherwise).</summary>
    public double Low;

    /// <summary>High end (exclusive) of a vague quantity (equal to <see cref="Value"/> otherwise).</summary>
    public double High;

    /// <summary>The unit of the last stated digit, scale included (1000 for "3,000", 1e8 for "2.5bn"); 1 for fractions.</summary>
    public double Roundness;

    /// <summary>The value before the scale word ("2.5" in "2.5bn"); equal to <see cref="Value"/> without one.</summary>
    public double Unscaled;

    /// <summary>The scale applied (1e9 for "bn"), or 1.</summary>
    public double Scale;

    public NumberForm Form;

    /// <summary>-1 for an explicit minus, +1 for an explicit plus, 0 otherwise.</summary>
    public int Sign;

    /// <summary>Which recogniser read it: later ones win ties of equal length (scientific over fraction over numeral).</summary>
    public int Priority;

    public readonly int Length => End - First;

    public readonly bool Has(NumberForm form) => (Form & form) != 0;

    public static NumberReading Exact(int first, int end, double value, double roundness, NumberForm form, int priority) => new()
    {
        First = first,
        End = end,
        Value = value,
        Low = value,
        High = value,
        Roundness = roundness,
        Unscaled = value,
        Scale = 1,
        Form = form,
        Priority = priority,
    };
}
