using ClaimCompare.Core.Similarity;

namespace ClaimCompare.Core.Tests.Similarity;

public class WordNetLexiconTests
{
    private static readonly WordNetLexicon Lexicon = WordNetLexicon.Instance;

    private static int[] Lemmas(string word)
    {
        Span<int> found = stackalloc int[16];
        return found[..Lexicon.Lemmatize(word, found)].ToArray();
    }

    private static int Lemma(string word)
    {
        var lemmas = Lemmas(word);
        Assert.NotEmpty(lemmas);
        return lemmas[0];
    }

    [Fact]
    public void The_embedded_table_holds_every_single_word_lemma()
    {
        Assert.Equal(82_732, Lexicon.LemmaCount);
    }

    [Theory]
    [InlineData("increases", "increase")]
    [InlineData("hopped", "hop")]
    [InlineData("children", "child")]
    [InlineData("geese", "goose")]
    [InlineData("bought", "buy")]
    [InlineData("ran", "run")]
    [InlineData("bigger", "big")]
    public void An_inflected_form_reduces_to_its_lemma_by_the_exception_lists_or_the_detachment_rules(string form, string lemma)
    {
        Assert.Contains(Lemma(lemma), Lemmas(form));
    }

    [Fact]
    public void A_form_that_is_a_lemma_itself_comes_first_then_what_it_may_inflect()
    {
        var rose = Lemmas("rose");
        Assert.Equal(2, rose.Length);
        Assert.Equal(WordNetLexicon.LemmaFlags.Noun | WordNetLexicon.LemmaFlags.Adjective, Lexicon.Flags(rose[0]));
        Assert.Equal(Lemma("rise"), rose[1]);
    }

    [Theory]
    [InlineData("qzxv")]
    [InlineData("")]
    [InlineData("Increase")]
    public void A_word_WordNet_does_not_know_has_no_lemma(string word)
    {
        Assert.Empty(Lemmas(word));
    }

    [Fact]
    public void Directions_antonyms_synonyms_and_stem_classes_are_read_from_the_table()
    {
        Assert.True(Lexicon.Flags(Lemma("rise")).HasFlag(WordNetLexicon.LemmaFlags.Up));
        Assert.True(Lexicon.Flags(Lemma("fall")).HasFlag(WordNetLexicon.LemmaFlags.Down));
        Assert.True(Lexicon.AreAntonyms(Lemma("increase"), Lemma("decrease")));
        Assert.True(Lexicon.AreAntonyms(Lemma("fall"), Lemma("rise")));
        Assert.False(Lexicon.AreAntonyms(Lemma("buy"), Lemma("rise")));
        Assert.True(Lexicon.AreSynonyms(Lemma("buy"), Lemma("purchase")));
        Assert.False(Lexicon.AreSynonyms(Lemma("buy"), Lemma("decrease")));
        Assert.Equal(Lexicon.StemClass(Lemma("enlarge")), Lexicon.StemClass(Lemma("enlargement")));
        Assert.NotEqual(Lexicon.StemClass(Lemma("enlarge")), Lexicon.StemClass(Lemma("increase")));
        Assert.True(Lexicon.Frequency(Lemma("increase")) > Lexicon.Frequency(Lemma("decrease")));
        Assert.False(Lexicon.Synsets(Lemma("buy")).IsEmpty);
        Assert.Contains(Lemma("decrease"), Lexicon.Antonyms(Lemma("increase")).ToArray());
    }

    [Theory]
    [InlineData("top", 0)]
    [InlineData("give", 0)]
    [InlineData("cut", -1)]
    [InlineData("jump", 1)]
    [InlineData("hike", 1)]
    [InlineData("fall", -1)]
    public void Only_senses_in_use_give_a_word_its_direction(string word, int expected)
    {
        // "top" once read as down through an untagged verb sense (cut the top off), "give" as up; "cut" was neither.
        var flags = Lexicon.Flags(Lemma(word));
        var direction = (flags & WordNetLexicon.LemmaFlags.Up) != 0 ? 1 : (flags & WordNetLexicon.LemmaFlags.Down) != 0 ? -1 : 0;

        Assert.Equal(expected, direction);
    }
}
