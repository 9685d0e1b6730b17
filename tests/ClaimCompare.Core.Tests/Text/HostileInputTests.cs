using ClaimCompare.Core.Text;

namespace ClaimCompare.Core.Tests.Text;

/// <summary>Inputs that would make a careless splitter slow or crash. Correctness only: speed is the benchmark's job.</summary>
public class HostileInputTests
{
    private const int Megabyte = 1 << 20;

    private static readonly TextPipeline s_pipeline = new();

    private static ProcessedDocument Process(string text)
    {
        var document = s_pipeline.Process(new SourceDocument("hostile", text));
        ProcessedDocumentAssert.WellFormed(document);
        return document;
    }

    [Fact]
    public void A_megabyte_of_periods_is_one_passage()
    {
        var text = new string('.', Megabyte);

        var passage = Assert.Single(Process(text).Passages);
        Assert.Equal((0, Megabyte), (passage.Start, passage.End));
        Assert.Equal([new Range(0, Megabyte)], SentenceSplitter.Split(text));
    }

    [Fact]
    public void A_megabyte_of_spaced_periods_is_one_passage()
    {
        var text = string.Concat(Enumerable.Repeat(". ", Megabyte / 2));

        Assert.Single(Process(text).Passages);
    }

    [Fact]
    public void A_megabyte_without_spaces_is_one_passage()
    {
        var text = string.Create(Megabyte, 0, static (span, _) =>
        {
            for (var i = 0; i < span.Length; i++)
            {
                span[i] = (char)('a' + (i % 26));
            }
        });

        var passage = Assert.Single(Process(text).Passages);
        Assert.Equal(Megabyte, passage.Length);
    }

    [Fact]
    public void A_megabyte_of_dotted_words_without_spaces_stays_whole()
    {
        var text = string.Concat(Enumerable.Repeat("Word.Another.", Megabyte / 13));

        Assert.Single(Process(text).Passages);
    }

    [Fact]
    public void A_megabyte_of_sentences_glued_without_spaces_splits_correctly()
    {
        var text = string.Concat(Enumerable.Repeat("Talks ended.Next ", Megabyte / 17));

        var document = Process(text);
        Assert.Equal(Megabyte / 17 + 1, document.Passages.Count);
    }

    [Theory]
    [InlineData('"')]
    [InlineData('\'')]
    [InlineData('\u201C')]
    [InlineData('\u201D')]
    public void A_megabyte_of_quote_marks_is_one_passage(char quote)
    {
        var text = new string(quote, Megabyte);

        var passage = Assert.Single(Process(text).Passages);
        Assert.Equal(Megabyte, passage.Length);
    }

    [Fact]
    public void Deeply_unbalanced_quotes_do_not_disturb_splitting()
    {
        var text = new string('"', 10_000) + "He said. She said." + new string('\u201D', 10_000) + " Done.";

        var sentences = Process(text).Passages.Select(p => p.Text).ToArray();
        Assert.Equal(3, sentences.Length);
        Assert.EndsWith("He said.", sentences[0], StringComparison.Ordinal);
        Assert.Equal("Done.", sentences[2]);
    }

    [Fact]
    public void A_megabyte_of_double_spaces_between_words_collapses()
    {
        var text = string.Concat(Enumerable.Repeat("word  ", Megabyte / 6)) + "end.";

        var passage = Assert.Single(Process(text).Passages);
        Assert.Equal(string.Concat(Enumerable.Repeat("word ", Megabyte / 6)) + "end.", passage.Normalized);
    }

    [Fact]
    public void A_megabyte_of_mixed_whitespace_and_invisible_characters_collapses()
    {
        var text = string.Concat(Enumerable.Repeat("a  ​	", Megabyte / 5));

        var passage = Assert.Single(Process(text).Passages);
        Assert.Equal(Megabyte / 5 * 2 - 1, passage.Normalized.Length);
    }

    [Fact]
    public void A_megabyte_of_abbreviations_is_one_sentence()
    {
        var text = string.Concat(Enumerable.Repeat("Mr. ", Megabyte / 4)) + "Putin.";

        Assert.Single(Process(text).Passages);
    }

    [Fact]
    public void A_megabyte_of_ellipses_and_capitals_splits_without_error()
    {
        var text = string.Concat(Enumerable.Repeat("... A", Megabyte / 5));

        Assert.Equal(Megabyte / 5, Process(text).Passages.Count);
    }

    [Fact]
    public void A_megabyte_of_blank_lines_has_no_passages()
    {
        var document = Process(string.Concat(Enumerable.Repeat("\n \r\n\t", Megabyte / 4)));

        Assert.Empty(document.Passages);
        Assert.Empty(document.Removed);
    }

    [Fact]
    public void A_megabyte_of_short_lines_makes_one_passage_per_line()
    {
        var text = string.Concat(Enumerable.Repeat("Line.\n", Megabyte / 6));

        Assert.Equal(Megabyte / 6, Process(text).Passages.Count);
    }

    [Theory]
    [InlineData("")]
    [InlineData(" ")]
    [InlineData("\n\n\n")]
    [InlineData("\t \u00A0\u200B\u2028 ")]
    public void Empty_and_blank_documents_have_no_passages(string text)
    {
        var document = Process(text);

        Assert.Empty(document.Passages);
    }

    [Fact]
    public void Control_characters_are_kept_in_the_raw_text_and_spaced_in_the_normalised_text()
    {
        var passage = Assert.Single(Process("NATO\u0001met\u0007Russia.\u0000").Passages);

        Assert.Equal("NATO\u0001met\u0007Russia.", passage.Text);
        Assert.Equal("NATO met Russia.", passage.Normalized);
    }

    [Fact]
    public void Lone_surrogates_do_not_throw_and_keep_offsets_exact()
    {
        var document = Process("Talks\uD800 ended. \uDC00Next round\uDBFF in Vienna.\uD800");

        Assert.Equal(2, document.Passages.Count);
        Assert.Contains('\uFFFD', document.Passages[0].Normalized);
    }

    [Fact]
    public void Random_code_units_never_throw_and_keep_offsets_exact()
    {
        var rng = new XorShift(42);
        for (var round = 0; round < 20; round++)
        {
            var chars = new char[20_000];
            for (var i = 0; i < chars.Length; i++)
            {
                chars[i] = rng.Next(4) switch
                {
                    0 => (char)rng.Next(0x10000),
                    1 => " .!?\"'\n\u2026\u201C\u201D-A"[rng.Next(12)],
                    _ => (char)(' ' + rng.Next(95)),
                };
            }

            Process(new string(chars));
        }
    }

    [Fact]
    public void Random_bytes_decoded_as_utf8_never_throw()
    {
        var rng = new XorShift(7);
        var bytes = new byte[200_000];
        for (var i = 0; i < bytes.Length; i++)
        {
            bytes[i] = (byte)rng.Next(256);
        }

        Process(System.Text.Encoding.UTF8.GetString(bytes));
        Process(System.Text.Encoding.Latin1.GetString(bytes));
    }

    [Fact]
    public void Combining_marks_without_a_base_character_are_kept()
    {
        var passage = Assert.Single(Process("\u0301\u0301\u0301 Talks.").Passages);

        Assert.StartsWith("\u0301", passage.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void A_null_document_is_rejected()
    {
        Assert.Throws<ArgumentNullException>(() => s_pipeline.Process(null!));
    }
}
