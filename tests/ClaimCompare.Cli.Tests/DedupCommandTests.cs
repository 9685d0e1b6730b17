using System.Text.Json;
using ClaimCompare.Cli.Tests.Support;

namespace ClaimCompare.Cli.Tests;

public class DedupCommandTests
{
    private static JsonElement DedupJson(params string[] extra)
    {
        var result = CliRunner.Run(["dedup", Fixtures.RussiaNato2022, "--format", "json", .. extra]);
        Assert.Equal(0, result.ExitCode);
        return JsonDocument.Parse(result.Stdout).RootElement.Clone();
    }

    /// <summary>A member's text: members name their wording, which holds the text (written once however many members print it).</summary>
    private static JsonElement Wording(JsonElement cluster, JsonElement member) =>
        cluster.GetProperty("wordings").EnumerateArray().Single(w => w.GetProperty("id").GetString() == member.GetProperty("wording").GetString());

    private static string Text(JsonElement cluster, JsonElement member) => Wording(cluster, member).GetProperty("text").GetString()!;

    private static List<JsonElement> ClustersContaining(JsonElement root, string document, string text) =>
        root.GetProperty("clusters").EnumerateArray()
            .Where(c => c.GetProperty("members").EnumerateArray().Any(m =>
                m.GetProperty("document").GetString() == document && Text(c, m).Contains(text, StringComparison.Ordinal)))
            .ToList();

    [Fact]
    public void Json_has_clusters_pairs_and_overlap_with_spans_in_the_original_text()
    {
        var root = DedupJson();

        Assert.True(root.GetProperty("clusters").GetArrayLength() > 0);
        Assert.True(root.GetProperty("pairs").GetArrayLength() > 0);
        // Only document pairs that share something are listed; the rest share nothing.
        Assert.Equal(
            ["000~001", "000~004", "001~004"],
            root.GetProperty("overlap").EnumerateArray().Select(o => o.GetProperty("a").GetString() + "~" + o.GetProperty("b").GetString()));
        foreach (var cluster in root.GetProperty("clusters").EnumerateArray())
        {
            foreach (var member in cluster.GetProperty("members").EnumerateArray())
            {
                var document = member.GetProperty("document").GetString()!;
                var path = Directory.GetFiles(Fixtures.RussiaNato2022, document + "_*.txt").Single();
                var original = File.ReadAllText(path);
                var start = member.GetProperty("start").GetInt32();
                var end = member.GetProperty("end").GetInt32();
                Assert.Equal(original[start..end], Text(cluster, member));
                Assert.Contains(member.GetProperty("kind").GetString(), new[] { "representative", "verbatim", "near-verbatim", "edited", "rewrite" });
            }
        }
    }

    [Fact]
    public void The_reworded_stoltenberg_quote_groups_001_with_004_as_a_rewrite()
    {
        var cluster = Assert.Single(ClustersContaining(DedupJson(), "001", "This is not an easy discussion"));

        var other = cluster.GetProperty("members").EnumerateArray().Single(m => m.GetProperty("document").GetString() == "004");
        Assert.Contains("It was not an easy discussion", Text(cluster, other), StringComparison.Ordinal);
        Assert.Equal("rewrite", other.GetProperty("kind").GetString());
        Assert.Contains(Wording(cluster, other).GetProperty("diff").EnumerateArray(), d => d.GetProperty("op").GetString() == "insert" && d.GetProperty("text").GetString()!.Contains("It", StringComparison.Ordinal));
    }

    [Fact]
    public void The_troops_and_sherman_rewrites_of_000_and_004_are_found()
    {
        var root = DedupJson();

        var troops = Assert.Single(ClustersContaining(root, "000", "close to 100,000 Russian troops"));
        Assert.Contains(troops.GetProperty("members").EnumerateArray(), m => Text(troops, m).Contains("nearly 100,000 Russian troops", StringComparison.Ordinal));
        var sherman = Assert.Single(ClustersContaining(root, "000", "simply non-starters"));
        Assert.Contains(sherman.GetProperty("members").EnumerateArray(), m => Text(sherman, m).Contains("simply unachievable", StringComparison.Ordinal));
    }

    [Fact]
    public void Copy_only_mode_drops_the_rewrites()
    {
        var root = DedupJson("--no-rewrites");

        Assert.Empty(ClustersContaining(root, "001", "This is not an easy discussion"));
    }

    [Fact]
    public void Text_output_shows_the_diff_and_the_overlap_summary()
    {
        var result = CliRunner.Run("dedup", Fixtures.RussiaNato2022);

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("[-\"This-]{+\"It+} [-is-]{+was+} not an easy discussion", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("Document overlap", result.Stdout, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--threshold", "1.5")]
    [InlineData("--shingle-size", "0")]
    [InlineData("--permutations", "0")]
    [InlineData("--shingle-kind", "sentence")]
    public void Out_of_range_options_are_usage_errors(string option, string value)
    {
        var result = CliRunner.Run("dedup", Fixtures.RussiaNato2022, option, value);

        Assert.Equal(1, result.ExitCode);
        Assert.Equal("", result.Stdout);
    }
}
