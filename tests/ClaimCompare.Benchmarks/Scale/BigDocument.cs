using System.Text;
using ClaimCompare.Core.Similarity;

namespace ClaimCompare.Benchmarks.Scale;

/// <summary>One very long article: prose from the fixtures, a quote-heavy transcript, or hostile text (no white space; nothing but number words).</summary>
internal static class BigDocument
{
    private static readonly string[] Speakers = ["Jens Stoltenberg", "Wendy Sherman", "Sergei Ryabkov", "Dmitry Peskov", "Antony Blinken", "Alexander Grushko"];

    private static readonly string[] Statements =
    [
        "We will not accept {0} new demands from anyone, and this is not an easy discussion",
        "Some {0} troops remain near the border, and that is a matter of grave concern",
        "There is plenty to work on, and we have made {0} proposals on arms control",
        "The talks will continue in {0} days, and we hope for progress on missile deployments",
        "Nobody should doubt our resolve after {0} hours of frank exchanges",
    ];

    /// <summary>About <paramref name="characters"/> characters of the given kind: <c>prose</c>, <c>quotes</c>, <c>nowhitespace</c> or <c>numberwords</c> (one endless sentence of number words).</summary>
    /// <param name="kind">The kind of text.</param>
    /// <param name="characters">Its length.</param>
    /// <param name="fixtures">The fixtures folder (prose is made of its paragraphs).</param>
    /// <param name="seed">Another seed gives another document of the same kind.</param>
    public static string Generate(string kind, int characters, string fixtures, ulong seed = 0xB16D0C)
    {
        var random = new SplitMix64(seed);
        var text = new StringBuilder(characters + 4096);
        switch (kind)
        {
            case "prose":
                // The fixtures' paragraphs in a shuffled order, again and again, with the numbers varied per round.
                var paragraphs = Directory.GetFiles(fixtures, "*.txt").Order(StringComparer.Ordinal)
                    .SelectMany(f => File.ReadAllText(f).Split("\n\n")).Select(p => p.Trim()).Where(p => p.Length > 40).ToList();
                for (var round = 1; text.Length < characters; round++)
                {
                    foreach (var paragraph in paragraphs.OrderBy(_ => random.NextInt(1 << 30)))
                    {
                        text.Append(paragraph.Replace("100,000", (100 + round).ToString(System.Globalization.CultureInfo.InvariantCulture) + ",000", StringComparison.Ordinal)).Append("\n\n");
                    }
                }

                break;
            case "quotes":
                for (var i = 0; text.Length < characters; i++)
                {
                    var speaker = Speakers[random.NextInt(Speakers.Length)];
                    var first = string.Format(System.Globalization.CultureInfo.InvariantCulture, Statements[random.NextInt(Statements.Length)], 2 + random.NextInt(5000));
                    var second = string.Format(System.Globalization.CultureInfo.InvariantCulture, Statements[random.NextInt(Statements.Length)], 2 + random.NextInt(5000));
                    text.Append('"').Append(first).Append(",\" ").Append(speaker).Append(" said on Wednesday. \"")
                        .Append(second).Append(",\" ").Append(speaker[(speaker.LastIndexOf(' ') + 1)..]).Append(" told reporters. ")
                        .Append("He added: \"The talks will continue.\"\n\n");
                }

                break;
            case "nowhitespace":
                const string Alphabet = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJ0123456789.,;:\"'-";
                for (var i = 0; i < characters; i++)
                {
                    text.Append(Alphabet[random.NextInt(Alphabet.Length)]);
                }

                break;
            case "numberwords":
                // Hostile: one endless sentence of number words, every few words a figure of its own.
                string[] words = ["one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve",
                    "twenty", "thirty", "forty", "fifty", "hundred", "thousand", "million", "and"];
                while (text.Length < characters)
                {
                    text.Append(words[random.NextInt(words.Length)]).Append(' ');
                }

                break;
            default:
                throw new ArgumentException($"unknown kind {kind}: prose, quotes, nowhitespace or numberwords");
        }

        return text.ToString(0, Math.Min(text.Length, characters));
    }
}
