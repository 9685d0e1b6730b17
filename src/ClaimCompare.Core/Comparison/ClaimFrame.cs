using System.Globalization;

namespace ClaimCompare.Core.Comparison;

/// <summary>Whether a figure is what the sentence claims, or the baseline the claim is compared with.</summary>
public enum FrameRole
{
    /// <summary>The claim itself.</summary>
    Claim,

    /// <summary>A figure the claim is compared with: "compared with 474,000 in 1973", "up from 5%", "from 40.50 dlrs", "the previous estimate of 1,000".</summary>
    Baseline,
}

/// <summary>The period a figure refers to, resolved against its document's date: a day, a month, a quarter or a year.</summary>
/// <param name="Start">First day of the period (inclusive).</param>
/// <param name="End">Last day of the period (inclusive).</param>
/// <param name="Label">How the period is shown: <c>2004-Q4</c>, <c>2016-12</c>, <c>1973</c>, <c>2022-01-12</c>.</param>
public sealed record FrameTime(DateOnly Start, DateOnly End, string Label)
{
    /// <summary>Whether the two periods share at least one day.</summary>
    /// <param name="other">Another period.</param>
    /// <returns><see langword="true"/> when they overlap.</returns>
    public bool Overlaps(FrameTime other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return Start <= other.End && other.Start <= End;
    }

    /// <summary>A single day.</summary>
    /// <param name="day">The day.</param>
    /// <returns>The period of that day, labelled <c>yyyy-MM-dd</c>.</returns>
    public static FrameTime Day(DateOnly day) => new(day, day, day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));

    /// <summary>A calendar month.</summary>
    /// <param name="year">The year.</param>
    /// <param name="month">The month, 1 to 12.</param>
    /// <returns>The period of that month, labelled <c>yyyy-MM</c>.</returns>
    public static FrameTime Month(int year, int month)
    {
        var start = new DateOnly(year, month, 1);
        return new(start, start.AddMonths(1).AddDays(-1), start.ToString("yyyy-MM", CultureInfo.InvariantCulture));
    }

    /// <summary>A calendar quarter.</summary>
    /// <param name="year">The year.</param>
    /// <param name="quarter">The quarter, 1 to 4.</param>
    /// <returns>The period of that quarter, labelled <c>yyyy-Qn</c>.</returns>
    public static FrameTime Quarter(int year, int quarter)
    {
        var start = new DateOnly(year, ((quarter - 1) * 3) + 1, 1);
        return new(start, start.AddMonths(3).AddDays(-1), string.Create(CultureInfo.InvariantCulture, $"{year}-Q{quarter}"));
    }

    /// <summary>A calendar year.</summary>
    /// <param name="year">The year.</param>
    /// <returns>The period of that year, labelled <c>yyyy</c>.</returns>
    public static FrameTime Year(int year) => new(new DateOnly(year, 1, 1), new DateOnly(year, 12, 31), year.ToString(CultureInfo.InvariantCulture));
}

/// <summary>
/// What a figure is about, read from its sentence: what is counted or valued (the measure), whose it is (the subject),
/// the period it refers to, where, which way it moves, and whether it is the claim or a baseline. Two figures are the same
/// claim only when their frames match.
/// </summary>
/// <param name="Measure">What is counted or valued, as content-word keys of the figure's noun phrase and verb ("death toll", "gdp growth").</param>
/// <param name="Facets">Distinguishing aspects of the measure that must agree when both sides state one ("outcome:dead" against "outcome:injured", "part:cash" against "part:stock", "basis:monthly" against "basis:annual", "mode:forecast").</param>
/// <param name="Subject">The entity of the figure's clause (a company, country, organisation), lower-cased; null when unknown.</param>
/// <param name="Time">The period the figure refers to; null when the sentence names none.</param>
/// <param name="Place">Where ("nepal", "southern russia"), lower-cased; null when unknown.</param>
/// <param name="Direction">The figure's own direction as the extractor read it (<see cref="Claims.Figure.Direction"/>): a level, a rise or a fall.</param>
/// <param name="Role">Claim or baseline.</param>
/// <param name="Reported">The day the figure was reported: the document's date, or a day the sentence gives for the report; null when unknown.</param>
/// <param name="Moving">Whether the figure is a snapshot of something that moves as it is counted or estimated (a toll, an estimate, a tally), so that two reports on different days are two points of a timeline.</param>
public sealed record ClaimFrame(
    string Measure,
    IReadOnlyList<string> Facets,
    string? Subject,
    FrameTime? Time,
    string? Place,
    Claims.FigureDirection Direction,
    FrameRole Role,
    DateOnly? Reported,
    bool Moving)
{
    /// <summary>Every entity the figure's clause names around it but speakers, sources, people and places ("cadbury", "kraft foods"), lower-cased; a frame whose subject differs from another's still matches it when either clause names the other's subject among its parties.</summary>
    public IReadOnlyList<string> Parties { get; init; } = [];

    /// <summary>
    /// The head of the measure, the thing counted or valued, independent of the wording around it: the counted noun
    /// ("people", "cities"), or <c>value</c> for a sum of money that values a deal, a takeover, an offer or an order
    /// ("a deal worth £11.5bn", "values the company at £11.7bn", "a $16bn order"); null when the clause does not say.
    /// Two frames with the same head, subject and time are one claim however differently their sentences are worded.
    /// </summary>
    public string? Head { get; init; }

    /// <summary>The <see cref="Parties"/> named within ten words of the figure: the parties of its own phrase rather than of a long clause that tells several deals.</summary>
    public IReadOnlyList<string> NearParties { get; init; } = [];

    /// <summary>The frame as a reviewer reads it: <c>GDP growth · France · 2004-Q4</c>, with "rise"/"fall" and "baseline" where they apply.</summary>
    /// <returns>The parts that are known, joined by " · ".</returns>
    public string Describe()
    {
        var parts = new List<string>(6) { Measure.Length == 0 ? "figure" : Measure };
        if (Subject is not null)
        {
            parts.Add(Subject);
        }

        if (Place is not null && !string.Equals(Place, Subject, StringComparison.Ordinal))
        {
            parts.Add("in " + Place);
        }

        if (Time is not null)
        {
            parts.Add(Time.Label);
        }
        else if (Reported is { } reported)
        {
            parts.Add("reported " + reported.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        }

        if (Direction != Claims.FigureDirection.None)
        {
            parts.Add(Direction == Claims.FigureDirection.Up ? "rise" : "fall");
        }

        if (Role == FrameRole.Baseline)
        {
            parts.Add("baseline");
        }

        return string.Join(" · ", parts);
    }
}

/// <summary>How two frames relate.</summary>
public enum FrameMatch
{
    /// <summary>The same claim: the values may agree or conflict.</summary>
    Same,

    /// <summary>The same measure of the same thing reported on different days: the values are points of one timeline.</summary>
    Timeline,

    /// <summary>Not the same claim: another measure, subject, period, place, direction or role.</summary>
    Different,
}
