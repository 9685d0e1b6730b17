using ClaimCompare.Core.Text;

namespace ClaimCompare.Core.Tests.Text;

public class TextNormalizerTests
{
    [Theory]
    [InlineData("Russia\u2019s demands", "Russia's demands")]
    [InlineData("\u2018as high as ever been\u2019", "'as high as ever been'")]
    [InlineData("\u201Anot\u201B", "'not'")]
    [InlineData("\u201Cnon-starters,\u201D", "\"non-starters,\"")]
    [InlineData("\u201Eja\u201F", "\"ja\"")]
    [InlineData("\u00ABnon\u00BB", "\"non\"")]
    [InlineData("5\u2032 11\u2033", "5' 11\"")]
    public void Curly_quotes_apostrophes_primes_and_guillemets_become_straight(string input, string expected)
    {
        Assert.Equal(expected, TextNormalizer.Normalize(input).Text);
    }

    [Theory]
    [InlineData("\u2010")]
    [InlineData("\u2011")]
    [InlineData("\u2012")]
    [InlineData("\u2013")]
    [InlineData("\u2014")]
    [InlineData("\u2015")]
    [InlineData("\u2212")]
    [InlineData("\uFE63")]
    [InlineData("\uFF0D")]
    public void Every_dash_variant_becomes_a_hyphen_minus(string dash)
    {
        Assert.Equal("this week - one between", TextNormalizer.Normalize($"this week {dash} one between").Text);
    }

    [Fact]
    public void An_ellipsis_character_becomes_three_periods_and_maps_back_to_itself()
    {
        var normalized = TextNormalizer.Normalize("We were firm\u2026 in pushing back");

        Assert.Equal("We were firm... in pushing back", normalized.Text);
        Assert.Equal(12, normalized.ToOriginalOffset(12));
        Assert.Equal(12, normalized.ToOriginalOffset(14));
        Assert.Equal(13, normalized.ToOriginalEnd(15));
        Assert.Equal(14, normalized.ToOriginalOffset(16));
    }

    [Theory]
    [InlineData("The\u00A0Star reported")]
    [InlineData("The\u202FStar reported")]
    [InlineData("The\u2007Star reported")]
    [InlineData("The \u00A0 Star reported")]
    [InlineData("The\tStar\r\n reported")]
    [InlineData("  The Star   reported \n")]
    public void Non_breaking_spaces_and_whitespace_runs_collapse_to_one_space_and_are_trimmed(string input)
    {
        Assert.Equal("The Star reported", TextNormalizer.Normalize(input).Text);
    }

    [Theory]
    [InlineData("Ukr\u200Baine")]
    [InlineData("Ukr\u200Caine")]
    [InlineData("Ukr\u200Daine")]
    [InlineData("\uFEFFUkraine")]
    [InlineData("Ukr\u2060aine")]
    [InlineData("Ukr\u00ADaine")]
    public void Zero_width_characters_and_soft_hyphens_are_removed(string input)
    {
        var normalized = TextNormalizer.Normalize(input);

        Assert.Equal("Ukraine", normalized.Text);
        var (start, length) = normalized.ToOriginalRange(0, normalized.Text.Length).GetOffsetAndLength(input.Length);
        Assert.Equal(input.TrimStart('\uFEFF'), input.Substring(start, length));
    }

    [Theory]
    [InlineData("\uFB01nance", "finance")]
    [InlineData("\uFF2E\uFF21\uFF34\uFF2F", "NATO")]
    [InlineData("Erdog\u0306an", "Erdo\u011Fan")]
    [InlineData("Mitrovic\u0301", "Mitrovi\u0107")]
    [InlineData("\u2460 item", "1 item")]
    [InlineData("10\u00BD", "101\u20442")]
    public void Unicode_is_brought_to_NFKC(string input, string expected)
    {
        Assert.Equal(expected, TextNormalizer.Normalize(input).Text);
    }

    [Fact]
    public void Plain_ascii_with_single_spaces_is_returned_unchanged_without_edits()
    {
        const string text = "The U.S. and NATO delivered their written responses on Wednesday.";
        var normalized = TextNormalizer.Normalize(text);

        Assert.Equal(text, normalized.Text);
        Assert.Equal(0, normalized.EditCount);
        Assert.Equal(17, normalized.ToOriginalOffset(17));
    }

    [Fact]
    public void Offsets_map_back_across_collapsed_whitespace_and_removed_characters()
    {
        const string original = "  Moscow\u00A0\u00A0 has amassed\u200B some\u2026 100,000 troops ";
        var normalized = TextNormalizer.Normalize(original);

        Assert.Equal("Moscow has amassed some... 100,000 troops", normalized.Text);
        foreach (var word in new[] { "Moscow", "has", "amassed", "some...", "100,000", "troops" })
        {
            var start = normalized.Text.IndexOf(word, StringComparison.Ordinal);
            var range = normalized.ToOriginalRange(start, start + word.Length);
            Assert.Equal(word, TextNormalizer.Normalize(original[range]).Text);
        }
    }

    [Fact]
    public void Every_word_of_mixed_text_maps_back_to_an_original_span_that_normalises_to_it()
    {
        var rng = new XorShift(0x5EED);
        string[] pieces = ["NATO", "Russia\u2019s", "\u201Cnon-starters\u201D", "\u2014", "\u2026", "\uFB01ne", "Mitrovic\u0301", "\u00A0", "\u200B", "  ", "\r\n", "\t", "\uFF2E", "\uD83D\uDE00", "e\u0301", "\u00AD", "1.5"];
        for (var round = 0; round < 200; round++)
        {
            var parts = new List<string>();
            for (var i = 0; i < 12; i++)
            {
                parts.Add(pieces[rng.Next(pieces.Length)]);
                parts.Add(rng.Next(3) == 0 ? " " : "");
            }

            var original = string.Concat(parts);
            var normalized = TextNormalizer.Normalize(original);
            var words = normalized.Text.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            var pos = 0;
            foreach (var word in words)
            {
                var start = normalized.Text.IndexOf(word, pos, StringComparison.Ordinal);
                var range = normalized.ToOriginalRange(start, start + word.Length);
                Assert.Equal(word, TextNormalizer.Normalize(original[range]).Text);
                pos = start + word.Length;
            }
        }
    }

    [Theory]
    [InlineData("\u017Dandarmerija \u0110or\u0111e \u00C9lys\u00E9e \u041C\u043E\u0441\u043A\u0432\u0430")]
    [InlineData("\u0421\u0435\u0440\u0433\u0435\u0439 \u0420\u044F\u0431\u043A\u043E\u0432")]
    public void Already_normalised_accented_and_cyrillic_text_is_kept_as_it_is(string text)
    {
        var normalized = TextNormalizer.Normalize(text);

        Assert.Equal(text, normalized.Text);
        Assert.Equal(0, normalized.EditCount);
    }

    [Fact]
    public void Lone_surrogates_become_replacement_characters_and_pairs_survive()
    {
        var normalized = TextNormalizer.Normalize("a\uD800b \uDC00c \uD83D\uDE00");

        Assert.Equal("a\uFFFDb \uFFFDc \uD83D\uDE00", normalized.Text);
    }

    [Fact]
    public void Control_characters_separate_words_like_spaces()
    {
        Assert.Equal("NATO met Russia", TextNormalizer.Normalize("NATO\u0001met\u0007\u0000Russia\u007F").Text);
    }

    [Theory]
    [InlineData("\u201CNATO\u201D \u2014 Allies", "\"nato\" - allies")]
    [InlineData("NATO  Allies", "nato allies")]
    [InlineData("\uFF2E\uFF21\uFF34\uFF2F", "nato")]
    [InlineData("", "")]
    public void Comparison_keys_are_normalised_and_lower_cased(string input, string expected)
    {
        Assert.Equal(expected, TextNormalizer.ToComparisonKey(input));
    }

    [Fact]
    public void Texts_that_differ_only_in_typography_and_case_have_equal_keys()
    {
        Assert.Equal(
            TextNormalizer.ToComparisonKey("Russia\u2019s demands \u201Csimply unachievable.\u201D"),
            TextNormalizer.ToComparisonKey("RUSSIA'S  demands \"simply unachievable.\""));
    }

    [Fact]
    public void Offsets_outside_the_normalised_text_are_rejected()
    {
        var normalized = TextNormalizer.Normalize("abc");

        Assert.Throws<ArgumentOutOfRangeException>(() => normalized.ToOriginalOffset(-1));
        Assert.Throws<ArgumentOutOfRangeException>(() => normalized.ToOriginalOffset(4));
        Assert.Throws<ArgumentOutOfRangeException>(() => normalized.ToOriginalEnd(4));
    }

    [Fact]
    public void The_normaliser_version_is_a_positive_number_recorded_with_signatures()
    {
        Assert.True(TextNormalizer.NormalizerVersion >= 1);
    }
}
