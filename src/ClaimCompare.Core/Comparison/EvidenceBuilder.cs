using System.Globalization;
using System.Text.RegularExpressions;
using ClaimCompare.Core.Text;

namespace ClaimCompare.Core.Comparison;

/// <summary>Builds a finding's evidence from a claim span: the sentence around it and the context a reviewer needs.</summary>
internal static partial class EvidenceBuilder
{
    /// <summary>The evidence for a claim at [<paramref name="start"/>, <paramref name="end"/>) of <paramref name="document"/>.</summary>
    public static Evidence Build(ProcessedDocument document, int start, int end, string? value)
    {
        var original = document.OriginalText;
        start = Math.Clamp(start, 0, original.Length);
        end = Math.Clamp(end, start, original.Length);
        var (sentenceStart, sentenceEnd) = SentenceAround(document, start, end);
        var sentence = new SourceSpan(sentenceStart, sentenceEnd, original[sentenceStart..sentenceEnd]);
        var claim = new SourceSpan(start, end, original[start..end]);
        return new Evidence(document.Id, sentence, claim, value) { Context = Context(document, sentence.Text) };
    }

    /// <summary>The union of the passages the span touches, or the span itself when it lies outside every passage.</summary>
    private static (int Start, int End) SentenceAround(ProcessedDocument document, int start, int end)
    {
        var from = -1;
        var to = -1;
        foreach (var passage in document.Passages)
        {
            if (passage.End <= start || passage.Start >= Math.Max(end, start + 1))
            {
                continue;
            }

            if (from < 0)
            {
                from = passage.Start;
            }

            to = passage.End;
        }

        return from < 0 ? (start, end) : (Math.Min(from, start), Math.Max(to, end));
    }

    /// <summary>When and where the source places its claim: the document date, weekdays and places named in the sentence.</summary>
    private static string? Context(ProcessedDocument document, string sentence)
    {
        var parts = new List<string>(4);
        if (document.Date is { } date)
        {
            parts.Add(date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        }

        foreach (Match match in Weekday().Matches(sentence))
        {
            if (!parts.Contains(match.Value))
            {
                parts.Add(match.Value);
            }
        }

        foreach (Match match in Place().Matches(sentence))
        {
            var place = match.Value.Trim();
            if (!parts.Contains(place))
            {
                parts.Add(place);
            }
        }

        return parts.Count == 0 ? null : string.Join("; ", parts);
    }

    [GeneratedRegex(@"\b(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|today|yesterday|last (?:week|month|year))\b", RegexOptions.NonBacktracking | RegexOptions.CultureInvariant)]
    private static partial Regex Weekday();

    // "in southern Russia", "close to Ukraine", "near the border", "along Ukraine's eastern border", "in Geneva".
    [GeneratedRegex(@"\b(?:in|near|along|close to|outside|inside|across|at|from) (?:the |its )?(?:(?:north|south|east|west)(?:ern|-eastern|-western)? )?(?:[A-Z][\w'’-]+(?: [A-Z][\w'’-]+){0,2}(?:['’]s (?:[a-z]+ )?border)?|borders?)\b", RegexOptions.NonBacktracking | RegexOptions.CultureInvariant)]
    private static partial Regex Place();
}
