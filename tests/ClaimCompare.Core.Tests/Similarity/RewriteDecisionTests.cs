using ClaimCompare.Core.Similarity;

namespace ClaimCompare.Core.Tests.Similarity;

/// <summary>The rewrite decision: what two sentences say, not only which words they share (issue 14).</summary>
public class RewriteDecisionTests
{
    private static readonly DedupOptions Options = DedupOptions.Default;
    private static readonly Shingler Copy = new(Options.CopyScheme.Shingles);
    private static readonly Shingler Content = new(Options.RewriteScheme.Shingles);

    // Fixture 000 and its rewrite in 004 (one clause trimmed so the pair is one sentence each).
    private const string Troops = "Allies of NATO have called on Russia to immediately de-escalate the situation in Ukraine, where close to 100,000 Russian troops have amassed near the borders.";
    private const string TroopsReworded = "NATO allies urged Russia to immediately defuse the situation in Ukraine, where nearly 100,000 Russian troops have gathered near the borders.";

    // The example of a topic-only neighbour, and a faithful rewording of it.
    private const string Sales = "TimeWarner said fourth quarter sales rose 2% to $11.1bn from $10.9bn.";
    private const string SalesReworded = "Fourth quarter sales at TimeWarner increased 2% to $11.1bn from $10.9bn, the company said.";

    private static PassageFingerprint F(string text) => PassageFingerprint.Create(text, Copy, Content);

    private static (MatchKind? Kind, PairScores Scores) Verify(string a, string b, DedupOptions? options = null)
    {
        var kind = new PassageVerifier(options ?? Options).Verify(F(a), F(b), out var scores);
        return (kind, scores);
    }

    private static double Probability(string a, string b) => new PassageVerifier(Options).RewriteProbability(F(a), F(b));

    [Fact]
    public void A_reworded_sentence_is_a_rewrite_with_a_probability_below_one()
    {
        var (kind, scores) = Verify(Troops, TroopsReworded);

        Assert.Equal(MatchKind.Rewrite, kind);
        Assert.InRange(scores.Confidence, Options.EffectiveRewriteThreshold, 0.999);
    }

    [Fact]
    public void A_higher_threshold_drops_the_rewrite_and_keeps_its_probability()
    {
        var (_, scores) = Verify(Troops, TroopsReworded);
        var stricter = Options with { RewriteThreshold = Math.Min(0.999, scores.Confidence + 0.01) };

        var (kind, stricterScores) = Verify(Troops, TroopsReworded, stricter);

        Assert.Null(kind);
        Assert.Equal(scores.Confidence, stricterScores.Confidence, 6);
    }

    [Fact]
    public void A_rewrite_that_changes_a_figure_is_still_a_rewrite()
    {
        var (kind, _) = Verify(Troops, TroopsReworded.Replace("100,000", "130,000", StringComparison.Ordinal));

        Assert.Equal(MatchKind.Rewrite, kind);
    }

    [Fact]
    public void A_negated_rewording_is_far_less_likely_than_the_rewording()
    {
        var negated = TroopsReworded.Replace("NATO allies urged", "NATO allies did not urge", StringComparison.Ordinal);

        var (kind, _) = Verify(Troops, negated);

        Assert.Null(kind);
        Assert.True(Probability(Troops, negated) < Probability(Troops, TroopsReworded) / 2);
    }

    [Fact]
    public void Rose_against_fell_is_not_a_paraphrase_though_rose_against_increased_is()
    {
        var reversed = SalesReworded.Replace("increased", "fell", StringComparison.Ordinal);

        Assert.Equal(MatchKind.Rewrite, Verify(Sales, SalesReworded).Kind);
        Assert.Null(Verify(Sales, reversed).Kind);
        Assert.True(Probability(Sales, reversed) <= RewriteFeatures.VetoedProbability);
    }

    [Fact]
    public void Without_the_direction_rule_the_model_alone_gives_rose_against_fell_more()
    {
        var reversed = SalesReworded.Replace("increased", "fell", StringComparison.Ordinal);
        var modelAlone = new PassageVerifier(Options with { RewriteVetoes = RewriteVetoes.None }).RewriteProbability(F(Sales), F(reversed));

        Assert.True(modelAlone > RewriteFeatures.VetoedProbability);
    }

    [Fact]
    public void The_probability_is_the_same_whichever_side_comes_first_and_on_every_call()
    {
        var forward = Probability(Troops, TroopsReworded);

        Assert.Equal(forward, Probability(Troops, TroopsReworded));
        Assert.Equal(forward, Probability(TroopsReworded, Troops), 3);
    }

    private static float Feature(string a, string b, string name)
    {
        Span<float> features = stackalloc float[RewriteFeatures.Count];
        RewriteFeatures.Compute(RewriteSentence.Read(a), RewriteSentence.Read(b), 0.5, 0.5, 0.5, static _ => false, features);
        return features[Array.IndexOf(RewriteFeatures.Names, name)];
    }

    [Fact]
    public void Another_name_in_the_actors_slot_is_a_name_slot()
    {
        const string A = "Officials said Amrozi accused his brother of deliberately distorting his evidence.";

        Assert.Equal(0, Feature(A, "Officials said Amrozi accused his brother of distorting the evidence on purpose.", "name_slot"));
        Assert.True(Feature(A, "Officials said Morales accused his brother of deliberately distorting his evidence.", "name_slot") >= 1);
    }

    [Fact]
    public void A_respelled_name_is_the_same_name_and_a_replaced_one_is_not()
    {
        // MSRP's own paraphrase pairs spell names two ways ("Sundwell" / "Sundwall", "Muqtada" / "Moqtada").
        const string A = "Microsoft spokesman Sean Sundwell said the company had nothing to do with the decision.";

        Assert.Equal(0, Feature(A, "Microsoft spokesman Sean Sundwall said the company had nothing to do with the decision.", "names_only_min"));
        Assert.Equal(0, Feature(A, "Microsoft spokesman Sean Sundwall said the company had nothing to do with the decision.", "name_slot"));
        Assert.Equal(1, Feature(A, "Microsoft spokesman Sean Petrov said the company had nothing to do with the decision.", "names_only_min"));
        Assert.Equal(0, Feature("Moqtada al-Sadr condemned the council in a sermon at the mosque.", "Muqtada al-Sadr condemned the council in a sermon at the mosque.", "names_only_min"));
    }

    [Fact]
    public void Swapped_roles_around_the_verb_flip()
    {
        const string A = "The lawyer said Microsoft sued Google over the search patents on Monday.";

        Assert.Equal(1, Feature(A, "The lawyer said Google sued Microsoft over the search patents on Monday.", "role_flip"));
        Assert.Equal(0, Feature(A, "The lawyer said Microsoft sued Google on Monday over the search patents.", "role_flip"));
    }

    [Fact]
    public void A_sentence_reads_the_same_the_first_time_and_from_the_remembered_forms()
    {
        const string Text = "Shares of Acme rose 8 cents as investors cheered the unexpected merger talks.";
        var first = RewriteSentence.Read(Text);
        var again = RewriteSentence.Read(Text);

        Assert.Equal(first.Words, again.Words);
        Assert.Equal(first.Lemmas, again.Lemmas);
        Assert.Contains(first.Words, w => w.Direction > 0);
    }
}
