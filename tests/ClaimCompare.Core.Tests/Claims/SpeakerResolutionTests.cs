using ClaimCompare.Core.Claims;
using ClaimCompare.Core.Text;

namespace ClaimCompare.Core.Tests.Claims;

/// <summary>Speakers found by the attribution's structure: the verb's subject, a description's or a pronoun's
/// antecedent, the previous speaker; each sentence here was written for the test.</summary>
public class SpeakerResolutionTests
{
    private static IReadOnlyList<Quote> Quotes(string text) =>
        QuoteExtractor.Extract(new TextPipeline().Process(new SourceDocument("t", text)));

    private static Quote Only(string text) => Assert.Single(Quotes(text));

    [Fact]
    public void An_age_after_the_quote_is_the_person_the_text_is_about()
    {
        Assert.Equal("Daniel Ricciardo", Only("Daniel Ricciardo won the race in Monza. \"It was a hard day,\" the 34-year-old said.").Speaker);
    }

    [Fact]
    public void A_demonym_after_the_quote_is_the_person_the_text_is_about()
    {
        Assert.Equal("Pierre Gasly", Only("Pierre Gasly was unhappy with the car. \"We have a lot of wheelspin,\" the Frenchman said.").Speaker);
    }

    [Fact]
    public void The_judge_is_the_person_printed_with_the_title_justice()
    {
        var q = Only("Justice Maria Carroccia sentenced the driver on Thursday. Her lawyer spoke first. \"You lost your brother,\" the judge said.");
        Assert.Equal("Maria Carroccia", q.Speaker);
    }

    [Fact]
    public void A_surname_that_speaks_alone_makes_an_unknown_first_name_a_person()
    {
        var q = Only("Lando Norris took pole position on Friday. Norris explained: \"The car felt great.\"");
        Assert.Equal("Lando Norris", q.Speaker);
    }

    [Fact]
    public void A_name_with_an_age_in_commas_is_a_person_even_alone()
    {
        var q = Only("Abdikarim, nine, herds goats for his mother. \"I want to be a teacher,\" he says.");
        Assert.Equal("Abdikarim", q.Speaker);
    }

    [Fact]
    public void A_pronoun_after_an_unnamed_speaker_stays_unnamed()
    {
        var q = Only("Warden Tom Hill said the jail was safe. One prison officer who asked not to be named said the jail had no doses. \"It is chaos,\" he said.");
        Assert.Null(q.Speaker);
        Assert.Equal("One prison officer", q.SpeakerDescription);
    }

    [Fact]
    public void The_owner_in_a_possessive_subject_is_not_the_speaker()
    {
        var q = Only("David Cameron met the press. Asked about it, Cameron's official spokesman would only say the offer stood. \"It is an open invite,\" he said.");
        Assert.Null(q.Speaker);
    }

    [Fact]
    public void A_pronoun_after_said_is_the_speaker_only_at_the_end_of_the_clause()
    {
        var q = Only("John Smith was charged on Monday. His lawyer said he was \"deeply sorry\" for the crash.");
        Assert.Null(q.Speaker);
    }

    [Fact]
    public void People_named_inside_a_quotation_are_not_its_speaker()
    {
        var q = Quotes("Coach Tom Brady says he hopes Ruiz plays on Sunday. \"Carlos Ruiz might be fit in time,\" he said.");
        Assert.Equal("Tom Brady", Assert.Single(q).Speaker);
    }

    [Fact]
    public void A_title_word_after_a_first_name_is_a_surname()
    {
        Assert.Equal("George King", Only("Justice George King said the case showed \"a shocking breach of trust\" by the man.").Speaker);
    }

    [Fact]
    public void A_shorter_form_of_a_long_name_is_the_same_person()
    {
        var q = Only("Hassan Haji Towakal has lived in Gargara for 80 years. \"Water is a basic need,\" Haji Towakal says.");
        Assert.Equal("Hassan Haji Towakal", q.Speaker);
    }

    [Fact]
    public void A_quotation_that_opens_a_sentence_with_no_verb_is_the_words_of_the_person_the_text_is_about()
    {
        var q = Only("Sahel Mohamed, 26, walked for two days with her son. She sold tea in the village. \"It was full of struggle.\"");
        Assert.Equal("Sahel Mohamed", q.Speaker);
    }

    [Fact]
    public void A_quotation_that_opens_a_sentence_takes_no_verb_from_the_sentence_before()
    {
        var quotes = Quotes("\"We are ready,\" said Anna Cole. Officials said the bridge was shut. \"Nobody may cross.\"");
        Assert.Equal(2, quotes.Count);
        Assert.Equal("Anna Cole", quotes[1].Speaker);
    }

    [Fact]
    public void Straight_single_marks_are_quotations_and_apostrophes_are_not()
    {
        var q = Only("Warriors manager Daniel Floyd spoke on Monday. 'The players' dogs weren't allowed in,' Floyd said.");
        Assert.Equal("The players' dogs weren't allowed in", q.Text);
        Assert.Equal("Daniel Floyd", q.Speaker);
    }

    [Fact]
    public void A_word_or_two_in_marks_with_nobody_saying_them_is_a_scare_quote()
    {
        Assert.Empty(Quotes("The team tried to \"fix\" the car overnight."));
        Assert.Empty(Quotes("The town was dubbed the \"murder capital\" of the state."));
    }

    [Fact]
    public void One_capitalised_word_followed_by_its_attribution_is_a_quotation()
    {
        Assert.Equal("Bruce Purdy", Only("\"Yes,\" Bruce Purdy answered, looking tired.").Speaker);
    }

    [Fact]
    public void An_opening_mark_glued_after_a_full_stop_opens_the_next_sentence()
    {
        var q = Only("The city is safe now.\u201CIn spite of our past, we moved on,\u201D Mayor Ana Lopez said.");
        Assert.Equal("In spite of our past, we moved on", q.Text);
        Assert.Equal("Ana Lopez", q.Speaker);
    }

    [Fact]
    public void A_quotation_still_open_at_the_end_of_the_text_runs_to_the_end()
    {
        var quotes = Quotes("Oscar Piastri was seventh. \"We knew it was tight,\" Piastri said. \"I think we were close");
        Assert.Equal(2, quotes.Count);
        Assert.Equal("I think we were close", quotes[1].Text);
        Assert.Equal("Oscar Piastri", quotes[1].Speaker);
    }
}
