using ClaimCompare.Core.Claims.Figures;
using ClaimCompare.Core.Claims.Figures.Recognizers;
using ClaimCompare.Core.Text;

namespace ClaimCompare.Core.Claims;

/// <summary>Finds the figures a document states and reads each as an interval with its unit, direction and kind
/// (DESIGN.md §6).</summary>
/// <remarks>
/// <para>Built the way number recognisers such as Microsoft.Recognizers.Text and Duckling are: small recognisers each
/// propose candidates over the passage's tokens, and one resolver picks among overlapping ones.</para>
/// <list type="number">
/// <item>Numbers: <see cref="NumeralRecognizer"/> (digits, words, scales, signs, vague quantities),
/// <see cref="FractionRecognizer"/> and <see cref="ScientificNotationRecognizer"/>; the longest reading wins.</item>
/// <item>Figures: <see cref="QuantityRecognizer"/> (units and currencies), <see cref="RangeRecognizer"/>,
/// <see cref="DateTimeRecognizer"/>, <see cref="OrdinalRecognizer"/> and <see cref="NonFigureRecognizer"/> (model names,
/// labels, identifiers: claimed so that nothing reads them, never emitted); <see cref="CandidateResolver"/> keeps the
/// best non-overlapping set.</item>
/// <item>Interpretation: hedges (<see cref="HedgeLexicon"/>), direction (<see cref="DirectionReader"/>), bounds
/// (<see cref="IntervalRules"/>), counted noun and clause context (<see cref="FigureInterpreter"/>).</item>
/// </list>
/// <para>The word lists (units, currencies, hedges, direction words) are data files, Claims/Figures/Data/*.tsv. Every step
/// is linear in the passage's tokens apart from sorting the proposals, and a thread reuses one scratch scan.</para>
/// </remarks>
public static class FigureExtractor
{
    /// <summary>Extracts the figures of every passage of <paramref name="document"/>, in text order.</summary>
    /// <param name="document">A processed document; its passages' spans must index its original text.</param>
    /// <returns>The figures; empty when there are none. Never throws on odd text.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="document"/> is null.</exception>
    public static IReadOnlyList<Figure> Extract(ProcessedDocument document)
    {
        ArgumentNullException.ThrowIfNull(document);
        var figures = new List<Figure>();
        foreach (var passage in document.Passages)
        {
            ExtractPassage(document.OriginalText, passage, figures);
        }

        return figures;
    }

    /// <summary>Extracts the figures of one passage and appends them to <paramref name="figures"/>.</summary>
    internal static void ExtractPassage(string original, Passage passage, List<Figure> figures)
    {
        var start = Math.Clamp(passage.Start, 0, original.Length);
        var end = Math.Clamp(passage.End, start, original.Length);
        var scan = FigureScan.Rent(original, start, end, passage.Index);
        try
        {
            NumeralRecognizer.Propose(scan);
            FractionRecognizer.Propose(scan);
            ScientificNotationRecognizer.Propose(scan);
            CandidateResolver.ResolveNumbers(scan);

            NonFigureRecognizer.Propose(scan);
            DateTimeRecognizer.Propose(scan);
            RangeRecognizer.Propose(scan);
            QuantityRecognizer.Propose(scan);
            OrdinalRecognizer.Propose(scan);
            CandidateResolver.ResolveFigures(scan);

            FigureInterpreter.Emit(scan, figures);
        }
        finally
        {
            scan.Return();
        }
    }
}
