using ClaimCompare.Core.Claims.Figures;

namespace ClaimCompare.Core.Tests.Claims.FigureRecognition;

/// <summary>Runs single recognisers over one sentence, for the recogniser tests.</summary>
internal static class Scans
{
    /// <summary>The number readings <paramref name="propose"/> makes over <paramref name="text"/>, with their text.</summary>
    /// <remarks>With <paramref name="resolve"/>, only the readings the resolver keeps (the longest where they overlap).</remarks>
    public static List<(string Text, NumberReading Reading)> Numbers(string text, Action<FigureScan> propose, bool resolve = true)
    {
        var scan = FigureScan.Rent(text, 0, text.Length, 0);
        try
        {
            propose(scan);
            if (resolve)
            {
                CandidateResolver.ResolveNumbers(scan);
            }

            var result = new List<(string, NumberReading)>();
            foreach (var n in resolve ? scan.Numbers : scan.NumberCandidates)
            {
                result.Add((scan.TextOf(n.First, n.End), n));
            }

            return result;
        }
        finally
        {
            scan.Return();
        }
    }

    /// <summary>The candidates <paramref name="propose"/> makes over <paramref name="text"/> after the number layer ran.</summary>
    public static List<(string Text, Candidate Candidate)> Candidates(string text, Action<FigureScan> propose)
    {
        var scan = FigureScan.Rent(text, 0, text.Length, 0);
        try
        {
            Core.Claims.Figures.Recognizers.NumeralRecognizer.Propose(scan);
            Core.Claims.Figures.Recognizers.FractionRecognizer.Propose(scan);
            Core.Claims.Figures.Recognizers.ScientificNotationRecognizer.Propose(scan);
            CandidateResolver.ResolveNumbers(scan);
            propose(scan);
            var result = new List<(string, Candidate)>();
            foreach (var c in scan.Candidates)
            {
                result.Add((scan.TextOf(c.First, c.End), c));
            }

            return result;
        }
        finally
        {
            scan.Return();
        }
    }
}
