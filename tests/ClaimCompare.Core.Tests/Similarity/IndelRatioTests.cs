using System.Globalization;
using System.Text;
using ClaimCompare.Core.Similarity;
using ClaimCompare.Core.Tests.Support;
using FuzzySharp;
using FuzzySharp.PreProcess;

namespace ClaimCompare.Core.Tests.Similarity;

/// <summary>
/// <see cref="IndelRatio"/> must give FuzzySharp's own integers: the report's fuzzy scores, the rewrite model's
/// features and every threshold on them were set with FuzzySharp.
/// </summary>
public class IndelRatioTests
{
    private static readonly string[] Alphabets =
    [
        "ab ",
        "abcde  \t",
        "the quick brown fox jumps over lazy dog 0123456789,.'-",
        "éèaàœ ßсоюз北京 ",
        "a\u00ADb\u200Bc -",
    ];

    public static TheoryData<int> Seeds() => [1, 2, 3, 4, 5];

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Ratio_equals_FuzzySharp_on_random_texts(int seed)
    {
        var random = new Random(seed);
        for (var i = 0; i < 400; i++)
        {
            var alphabet = Alphabets[random.Next(Alphabets.Length)];
            var a = RandomText(random, alphabet, random.Next(0, 200));
            var b = random.Next(3) == 0 ? RandomText(random, alphabet, random.Next(0, 200)) : Mutate(random, a, alphabet);
            Assert.True(Fuzz.Ratio(a, b, PreprocessMode.None) == IndelRatio.Ratio(a, b), $"ratio of '{a}' and '{b}'");
        }
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Token_set_ratio_equals_FuzzySharp_on_random_texts(int seed)
    {
        var random = new Random(seed);
        for (var i = 0; i < 400; i++)
        {
            var alphabet = Alphabets[random.Next(Alphabets.Length)];
            var a = RandomText(random, alphabet, random.Next(0, 300));
            var b = random.Next(3) == 0 ? RandomText(random, alphabet, random.Next(0, 300)) : Mutate(random, a, alphabet);
            Assert.True(Fuzz.TokenSetRatio(a, b, PreprocessMode.None) == IndelRatio.TokenSet(a, b), $"token-set ratio of '{a}' and '{b}'");
        }
    }

    [Fact]
    public void Token_set_ratio_equals_FuzzySharp_on_edited_news_sentences()
    {
        var random = new Random(7);
        var sentences = FixtureCorpus.RussiaNato2022.SelectMany(d => d.Passages).Select(p => p.Normalized.ToLowerInvariant()).Distinct().ToList();
        Assert.True(sentences.Count > 100);
        var words = sentences.SelectMany(s => s.Split(' ')).Distinct().ToArray();
        foreach (var sentence in sentences)
        {
            // Copies with a word swapped, dropped or added, trimmed, and unrelated sentences.
            var tokens = sentence.Split(' ').ToList();
            var edited = new List<string>(tokens);
            for (var e = random.Next(1, 4); e > 0 && edited.Count > 1; e--)
            {
                var at = random.Next(edited.Count);
                switch (random.Next(3))
                {
                    case 0: edited[at] = words[random.Next(words.Length)]; break;
                    case 1: edited.RemoveAt(at); break;
                    default: edited.Insert(at, words[random.Next(words.Length)]); break;
                }
            }

            var other = sentences[random.Next(sentences.Count)];
            foreach (var b in new[] { string.Join(' ', edited), string.Join(' ', tokens.Take(Math.Max(1, tokens.Count / 2))), other, sentence })
            {
                Assert.Equal(Fuzz.TokenSetRatio(sentence, b, PreprocessMode.None), IndelRatio.TokenSet(sentence, b));
                Assert.Equal(Fuzz.Ratio(sentence, b, PreprocessMode.None), IndelRatio.Ratio(sentence, b));
            }
        }
    }

    [Theory]
    [InlineData("", "")]
    [InlineData("", "a")]
    [InlineData(" ", "")]
    [InlineData("  lead and trail  ", "lead trail")]
    [InlineData("a a a", "a")]
    [InlineData("B a b A", "a b")]
    [InlineData("co-op coop", "coop co-op")]
    [InlineData("x\u00ADy xy", "xy")]
    [InlineData(" x", "a b")]
    [InlineData("\t", "\t")]
    public void Token_set_ratio_equals_FuzzySharp_on_edge_cases(string a, string b)
    {
        Assert.Equal(Fuzz.Ratio(a, b, PreprocessMode.None), IndelRatio.Ratio(a, b));
        Assert.Equal(Fuzz.TokenSetRatio(a, b, PreprocessMode.None), IndelRatio.TokenSet(a, b));
        Assert.Equal(Fuzz.TokenSetRatio(b, a, PreprocessMode.None), IndelRatio.TokenSet(b, a));
    }

    [Fact]
    public void Token_set_ratio_sorts_by_the_current_culture_as_FuzzySharp_does()
    {
        var saved = CultureInfo.CurrentCulture;
        try
        {
            foreach (var culture in new[] { "en-US", "sv-SE", "tr-TR", "" })
            {
                CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo(culture);
                const string a = "zebra äpple apple Öl ol ılık ilik 10 9 Zed";
                const string b = "apple zebra ol 9 ilik ünter";
                Assert.Equal(Fuzz.TokenSetRatio(a, b, PreprocessMode.None), IndelRatio.TokenSet(a, b));
            }
        }
        finally
        {
            CultureInfo.CurrentCulture = saved;
        }
    }

    [Fact]
    public void Longest_common_subsequence_spans_several_machine_words()
    {
        var a = string.Concat(Enumerable.Repeat("abcdefghij", 30));
        var b = a.Replace("e", "x", StringComparison.Ordinal);
        Assert.Equal(270, IndelRatio.LongestCommonSubsequence(a, b));
        Assert.Equal(Fuzz.Ratio(a, b, PreprocessMode.None), IndelRatio.Ratio(a, b));
    }

    private static string RandomText(Random random, string alphabet, int length)
    {
        var builder = new StringBuilder(length);
        for (var i = 0; i < length; i++)
        {
            builder.Append(alphabet[random.Next(alphabet.Length)]);
        }

        return builder.ToString();
    }

    private static string Mutate(Random random, string text, string alphabet)
    {
        var builder = new StringBuilder(text);
        for (var e = random.Next(0, 6); e > 0; e--)
        {
            var at = random.Next(builder.Length + 1);
            switch (random.Next(3))
            {
                case 0 when at < builder.Length: builder[at] = alphabet[random.Next(alphabet.Length)]; break;
                case 1 when at < builder.Length: builder.Remove(at, 1); break;
                default: builder.Insert(at, alphabet[random.Next(alphabet.Length)]); break;
            }
        }

        return builder.ToString();
    }
}
