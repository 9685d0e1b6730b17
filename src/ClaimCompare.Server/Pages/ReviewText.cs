using System.Globalization;
using System.Text;
using ClaimCompare.Core.Comparison;
using ClaimCompare.Storage;

namespace ClaimCompare.Server.Pages;

/// <summary>How the pages (and the service's JSON) name a source: by outlet and date, falling back to the id.</summary>
public static class SourceNames
{
    /// <summary>"arkansasonline.com, 2022-01-13"; the outlet alone without a date; the document id without an outlet.</summary>
    /// <param name="documentId">The document id (the fallback).</param>
    /// <param name="outlet">The outlet, if known.</param>
    /// <param name="published">The publication time, if known.</param>
    /// <returns>The label.</returns>
    public static string Label(string documentId, string? outlet, DateTimeOffset? published)
    {
        if (string.IsNullOrWhiteSpace(outlet))
        {
            return published is { } p ? documentId + ", " + Date(p) : documentId;
        }

        return published is { } date ? outlet.Trim() + ", " + Date(date) : outlet.Trim();
    }

    /// <summary>The date part of a label: <c>yyyy-MM-dd</c> in UTC.</summary>
    public static string Date(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>A time as the pages show it: <c>yyyy-MM-dd HH:mm UTC</c>.</summary>
    public static string Time(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture);

    /// <summary>The label of one piece of evidence.</summary>
    public static string Label(ReviewEvidence evidence)
    {
        ArgumentNullException.ThrowIfNull(evidence);
        return Label(evidence.Document, evidence.Outlet, evidence.Published);
    }

    /// <summary>Whether <paramref name="url"/> may be a link: absolute http or https only (never <c>javascript:</c> or <c>data:</c>).</summary>
    public static bool IsSafeLink(string? url) =>
        url is not null && Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https";
}

/// <summary>Display names of statuses and kinds.</summary>
public static class ReviewNames
{
    /// <summary>"In progress" for <c>in-progress</c>, and so on.</summary>
    public static string Status(string status) => status switch
    {
        ReviewStatus.Open => "Open",
        ReviewStatus.InProgress => "In progress",
        ReviewStatus.Confirmed => "Confirmed",
        ReviewStatus.Dismissed => "Dismissed",
        ReviewStatus.NeedsInfo => "Needs info",
        _ => status,
    };

    /// <summary>"Quote variant" for <c>quote-variant</c>, and so on.</summary>
    public static string Kind(string kind) => kind switch
    {
        "conflict" => "Conflict",
        "quote-variant" => "Quote variant",
        "role-conflict" => "Role conflict",
        "agree" => "Agreement",
        "update" => "Timeline",
        "single-source" => "Single source",
        _ => kind,
    };

    /// <summary>The kinds that become review items, in display order.</summary>
    public static IReadOnlyList<string> ReviewKinds { get; } = ["conflict", "quote-variant", "role-conflict"];
}

/// <summary>One line that says what is in question, e.g. "More than 10,000 vs about 3,000 Russian troops".</summary>
public static class ReviewSummary
{
    private const int MaxQuote = 70;

    /// <summary>Describes an item from its kind, topic and evidence.</summary>
    /// <param name="kind">conflict, quote-variant or role-conflict.</param>
    /// <param name="topic">The finding's topic (the fallback).</param>
    /// <param name="evidence">The sources' evidence.</param>
    /// <returns>One line.</returns>
    public static string Describe(string kind, string topic, IReadOnlyList<Evidence> evidence)
    {
        ArgumentNullException.ThrowIfNull(evidence);
        if (evidence.Count == 0)
        {
            return topic;
        }

        return kind switch
        {
            "conflict" => Figures(topic, evidence),
            "quote-variant" => Quotes(topic, evidence),
            "role-conflict" => Roles(topic, evidence),
            _ => topic,
        };
    }

    private static string Figures(string topic, IReadOnlyList<Evidence> evidence)
    {
        // The value reads "More than 10,000 troops = (10,000, ∞)": the words before " = " are the claim and its noun.
        var claims = Distinct(evidence.Select(e => e.Claim.Text.Trim()));
        var noun = Noun(evidence[0]);
        var phrase = noun is null ? null : NounPhrase(evidence[0], noun);
        var joined = string.Join(" vs ", claims.Select((c, i) => i == 0 ? c : LowerFirst(c)));
        return phrase is null ? $"{joined} ({topic})" : $"{joined} {phrase}";
    }

    private static string Quotes(string topic, IReadOnlyList<Evidence> evidence)
    {
        var speaker = Speaker(topic);
        var quotes = Distinct(evidence.Select(e => Shorten(e.Claim.Text.Trim())));
        var joined = string.Join(" vs ", quotes.Select(q => "“" + q + "”"));
        return speaker is null ? joined : $"{speaker}: {joined}";
    }

    private static string Roles(string topic, IReadOnlyList<Evidence> evidence)
    {
        var person = Speaker(topic);
        var counts = new List<(string Role, int Count)>();
        foreach (var e in evidence)
        {
            var role = (e.Value ?? e.Claim.Text).Trim();
            var index = counts.FindIndex(c => string.Equals(c.Role, role, StringComparison.OrdinalIgnoreCase));
            if (index < 0)
            {
                counts.Add((role, 1));
            }
            else
            {
                counts[index] = (counts[index].Role, counts[index].Count + 1);
            }
        }

        var joined = string.Join(" vs ", counts.Select(c => c.Count > 1 ? $"{c.Role} ({c.Count} sources)" : c.Role));
        return person is null ? joined : $"{person}: {joined}";
    }

    private static string? Speaker(string topic)
    {
        var colon = topic.IndexOf(':', StringComparison.Ordinal);
        return colon > 0 ? topic[..colon].Trim() : null;
    }

    private static string? Noun(Evidence evidence)
    {
        var value = evidence.Value;
        var equals = value?.IndexOf(" = ", StringComparison.Ordinal) ?? -1;
        if (value is null || equals < 0 || !value.StartsWith(evidence.Claim.Text.Trim(), StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        var noun = value[evidence.Claim.Text.Trim().Length..equals].Trim();
        return noun.Length == 0 ? null : noun;
    }

    /// <summary>The words after the claim up to its noun ("Russian troops"), or the noun alone.</summary>
    private static string NounPhrase(Evidence evidence, string noun)
    {
        var claimEnd = evidence.Claim.End - evidence.Sentence.Start;
        var sentence = evidence.Sentence.Text;
        if (claimEnd < 0 || claimEnd > sentence.Length)
        {
            return noun;
        }

        var words = sentence[claimEnd..].Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var builder = new StringBuilder();
        for (var i = 0; i < words.Length && i < 5; i++)
        {
            var word = words[i].TrimEnd(',', '.', ';', ':');
            builder.Append(builder.Length > 0 ? " " : string.Empty).Append(word);
            if (word.StartsWith(noun, StringComparison.OrdinalIgnoreCase) || noun.StartsWith(word, StringComparison.OrdinalIgnoreCase) && word.Length > 2)
            {
                return builder.ToString();
            }

            if (word.Length != words[i].Length)
            {
                break;
            }
        }

        return noun;
    }

    private static List<string> Distinct(IEnumerable<string> values)
    {
        var result = new List<string>();
        foreach (var value in values)
        {
            if (value.Length > 0 && !result.Contains(value, StringComparer.OrdinalIgnoreCase))
            {
                result.Add(value);
            }
        }

        return result;
    }

    private static string Shorten(string text)
    {
        if (text.Length <= MaxQuote)
        {
            return text;
        }

        var space = text.LastIndexOf(' ', MaxQuote - 1);
        return text[..(space > 20 ? space : MaxQuote)].TrimEnd(',', ';', ' ') + "…";
    }

    private static string LowerFirst(string text) =>
        text.Length > 1 && char.IsUpper(text[0]) && !char.IsUpper(text[1]) ? char.ToLowerInvariant(text[0]) + text[1..] : text;
}

/// <summary>A sentence split around its claim, for highlighting.</summary>
/// <param name="Before">Text before the claim.</param>
/// <param name="Claim">The claim itself.</param>
/// <param name="After">Text after the claim.</param>
public sealed record HighlightedSentence(string Before, string Claim, string After)
{
    /// <summary>Splits the evidence's sentence at its claim's span; the whole sentence when the span is outside it.</summary>
    public static HighlightedSentence Of(Evidence evidence)
    {
        ArgumentNullException.ThrowIfNull(evidence);
        var sentence = evidence.Sentence.Text;
        var start = evidence.Claim.Start - evidence.Sentence.Start;
        var end = evidence.Claim.End - evidence.Sentence.Start;
        if (start < 0 || end > sentence.Length || start > end)
        {
            return new HighlightedSentence(sentence, string.Empty, string.Empty);
        }

        return new HighlightedSentence(sentence[..start], sentence[start..end], sentence[end..]);
    }
}
