namespace ClaimCompare.Core.Claims.Figures;

/// <summary>The interval a stated number and its hedge allow (DESIGN.md §6).</summary>
/// <remarks>
/// <para>Widths: a bare or approximate number is X ± a half-width that grows with its roundness (the largest power of
/// ten dividing it, or the unit of its last decimal): <c>min(roundness/2, 5% of X)</c> when bare (exact when the
/// roundness is 1 or less; a bare duration is at least <c>± min(half a unit, 10%)</c> because "four hours" is rounded
/// speech), <c>min(roundness/2, 15% of X)</c> after "about", "some", "an estimated". Fractions are exact.</para>
/// <para>"nearly X" is <c>[0.9X, X)</c>; "just over X" is <c>(X, 1.1X]</c>; "more than X" is <c>(X, open)</c>; "at least X"
/// <c>[X, open)</c>; "up to X" <c>[0, X]</c> and "less than X" <c>[0, X)</c> for what cannot be negative (counts, money,
/// durations, lengths, and the size of any change), open below otherwise (percentage levels, temperatures).
/// Exclusive bounds are flagged, never nudged by an epsilon.</para>
/// <para>Vague quantities keep their range, open above after "more than" and from zero after "up to"; ranges keep their
/// two stated ends.</para>
/// </remarks>
internal static class IntervalRules
{
    /// <summary>The bounds of value <paramref name="v"/> with roundness <paramref name="roundness"/> under <paramref name="hedge"/>.</summary>
    public static (double? Low, bool LowInclusive, double? High, bool HighInclusive) Of(
        double v, double roundness, HedgeKind hedge, bool nonNegative, bool exact, bool duration)
    {
        var r = exact ? 1 : roundness;
        switch (hedge)
        {
            case HedgeKind.Exact:
                return (v, true, v, true);
            case HedgeKind.Approximate:
                {
                    var half = Math.Min(r / 2, 0.15 * Math.Abs(v));
                    return (v - half, true, v + half, true);
                }

            case HedgeKind.JustBelow:
                return (0.9 * v, true, v, false);
            case HedgeKind.JustAbove:
                return (v, false, 1.1 * v, true);
            case HedgeKind.Above:
                return (v, false, null, true);
            case HedgeKind.AtLeast:
                return (v, true, null, true);
            case HedgeKind.AtMost:
                return (nonNegative ? 0 : null, true, v, true);
            case HedgeKind.Below:
                return (nonNegative ? 0 : null, true, v, false);
            default:
                {
                    var half = r <= 1 ? 0 : Math.Min(r / 2, 0.05 * Math.Abs(v));
                    if (duration)
                    {
                        half = Math.Max(half, Math.Min(0.5, 0.1 * Math.Abs(v)));
                    }

                    // Where the rounding alone sets the width, a printed value is what rounds half up to it: "$17 billion" is
                    // [16.5bn, 17.5bn) and "$16bn" [15.5bn, 16.5bn), two values of one deal that do not agree.
                    var rounded = !duration && half > 0 && half == r / 2;
                    return (v - half, true, v + half, !rounded);
                }
        }
    }

    /// <summary>The bounds of a vague quantity [<paramref name="low"/>, <paramref name="high"/>) under <paramref name="hedge"/>.</summary>
    public static (double? Low, bool LowInclusive, double? High, bool HighInclusive) OfVague(double low, double high, HedgeKind hedge) => hedge switch
    {
        HedgeKind.Above or HedgeKind.AtLeast => (low, true, null, true),
        HedgeKind.AtMost or HedgeKind.Below => (0, true, high, false),
        _ => (low, true, high, false),
    };
}
