using System.Text.Json;
using ClaimCompare.Cli.Tests.Support;

namespace ClaimCompare.Cli.Tests;

public class ReportCommandTests
{
    [Fact]
    public void Json_report_on_the_fixtures_has_sources_findings_clusters_and_overlap()
    {
        var result = CliRunner.Run("report", Fixtures.RussiaNato2022, "--format", "json");

        Assert.Equal(0, result.ExitCode);
        using var json = JsonDocument.Parse(result.Stdout);
        var root = json.RootElement;
        Assert.Equal(["000", "001", "002", "003", "004"], root.GetProperty("sources").EnumerateArray().Select(s => s.GetProperty("id").GetString()));
        var kinds = root.GetProperty("findings").EnumerateArray().Select(f => f.GetProperty("kind").GetString()).ToHashSet();
        Assert.Superset(new HashSet<string?> { "agree", "conflict", "quote-variant", "role-conflict", "single-source" }, kinds);
        Assert.True(root.GetProperty("clusters").GetArrayLength() >= 3);
        var conflict = root.GetProperty("findings").EnumerateArray().First(f => f.GetProperty("kind").GetString() == "conflict");
        foreach (var evidence in conflict.GetProperty("evidence").EnumerateArray())
        {
            var original = File.ReadAllText(Directory.GetFiles(Fixtures.RussiaNato2022, evidence.GetProperty("document").GetString() + "_*.txt").Single());
            Assert.Equal(original[evidence.GetProperty("start").GetInt32()..evidence.GetProperty("end").GetInt32()], evidence.GetProperty("text").GetString());
            var claim = evidence.GetProperty("claim");
            Assert.Equal(original[claim.GetProperty("start").GetInt32()..claim.GetProperty("end").GetInt32()], claim.GetProperty("text").GetString());
        }
    }

    [Fact]
    public void Max_findings_bounds_the_report_and_the_json_says_what_it_left_out()
    {
        var result = CliRunner.Run("report", Fixtures.RussiaNato2022, "--format", "json", "--max-findings", "3");

        Assert.Equal(0, result.ExitCode);
        using var json = JsonDocument.Parse(result.Stdout);
        Assert.Equal(3, json.RootElement.GetProperty("findings").GetArrayLength());
        var omitted = json.RootElement.GetProperty("omitted").EnumerateArray().ToList();
        Assert.NotEmpty(omitted);
        Assert.All(omitted, o => Assert.Equal("findings", o.GetProperty("reason").GetString()));
        Assert.True(omitted.Sum(o => o.GetProperty("count").GetInt64()) > 0);
    }

    [Fact]
    public void Sources_are_named_by_outlet_and_date_in_text()
    {
        var result = CliRunner.Run("report", Fixtures.RussiaNato2022);

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("001 arkansasonline.com, 2022-01-13", result.Stdout, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--max-findings", "-1")]
    [InlineData("--max-comparisons", "0")]
    [InlineData("--time-budget", "-5")]
    [InlineData("--cpu-budget", "-1")]
    [InlineData("--memory-budget", "-1")]
    public void Negative_budgets_are_usage_errors(string option, string value)
    {
        var result = CliRunner.Run("report", Fixtures.RussiaNato2022, option, value);

        Assert.Equal(1, result.ExitCode);
        Assert.Equal("", result.Stdout);
    }

    [Fact]
    public void A_cpu_budget_that_runs_out_keeps_the_sources_and_says_what_it_left_out()
    {
        var result = CliRunner.Run("report", Fixtures.RussiaNato2022, "--format", "json", "--cpu-budget", "0.001");

        Assert.Equal(0, result.ExitCode);
        using var json = System.Text.Json.JsonDocument.Parse(result.Stdout);
        var omitted = json.RootElement.GetProperty("omitted");
        Assert.Equal("cpu-budget", Assert.Single(omitted.EnumerateArray()).GetProperty("reason").GetString());
        Assert.Equal(5, json.RootElement.GetProperty("sources").GetArrayLength());
        Assert.Contains("--cpu-budget", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Text_report_leads_with_the_conflicts()
    {
        var result = CliRunner.Run("report", Fixtures.RussiaNato2022, "--no-single-source");

        Assert.Equal(0, result.ExitCode);
        var conflicts = result.Stdout.IndexOf("Conflicts", StringComparison.Ordinal);
        Assert.True(conflicts >= 0 && conflicts < result.Stdout.IndexOf("Agreements", StringComparison.Ordinal));
        Assert.Contains("«about 3,000» Russian troops", result.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("Single-source", result.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("\u001b[", result.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void Html_report_is_one_self_contained_page()
    {
        var result = CliRunner.Run("report", Fixtures.RussiaNato2022, "--format", "html");

        Assert.Equal(0, result.ExitCode);
        Assert.StartsWith("<!DOCTYPE html>", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("Sources side by side", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("<mark class=\"conflict\"", result.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("<script", result.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("src=\"http", result.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void Markdown_report_has_a_section_per_finding_kind()
    {
        var result = CliRunner.Run("report", Fixtures.RussiaNato2022, "--format", "markdown");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("## Conflicts", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("## Role conflicts", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("## Quote variants", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("## Agreements", result.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void Report_on_hostile_input_still_answers()
    {
        using var temp = new TempFolder();
        temp.Write("a.txt", new string('"', 5000) + " 1,000,000,000,000,000,000,000 troops. " + new string('.', 5000));
        temp.Write("b.txt", "\u201cUnbalanced quote about 3 troops and 99999999999999999999 dollars");

        var result = CliRunner.Run("report", temp.Path, "--format", "json");

        Assert.Equal(0, result.ExitCode);
        using var json = JsonDocument.Parse(result.Stdout);
        Assert.Equal(2, json.RootElement.GetProperty("sources").GetArrayLength());
    }
}

public class ClaimsCommandTests
{
    [Fact]
    public void Json_lists_figures_as_intervals_quotes_with_speakers_and_people_with_roles()
    {
        var result = CliRunner.Run("claims", Path.Combine(Fixtures.RussiaNato2022, "001_f33a823e7d061938.txt"), "--format", "json");

        Assert.Equal(0, result.ExitCode);
        using var json = JsonDocument.Parse(result.Stdout);
        var document = Assert.Single(json.RootElement.EnumerateArray().ToList());
        Assert.Equal("001", document.GetProperty("document").GetString());
        var exercises = document.GetProperty("figures").EnumerateArray().Single(f => f.GetProperty("text").GetString() == "More than 10,000");
        Assert.Equal("count", exercises.GetProperty("kind").GetString());
        Assert.Equal(10000, exercises.GetProperty("low").GetDouble());
        Assert.Equal(JsonValueKind.Null, exercises.GetProperty("high").ValueKind);
        Assert.Equal("troops", exercises.GetProperty("noun").GetString());
        Assert.Contains(document.GetProperty("figures").EnumerateArray(), f => f.GetProperty("text").GetString() == "2019" && f.GetProperty("kind").GetString() == "year");
        Assert.Contains(document.GetProperty("quotes").EnumerateArray(), q =>
            q.GetProperty("text").GetString()!.StartsWith("This is not an easy discussion", StringComparison.Ordinal) && q.GetProperty("speaker").GetString()!.EndsWith("Stoltenberg", StringComparison.Ordinal));
        Assert.Contains(document.GetProperty("people").EnumerateArray(), p =>
            p.GetProperty("name").GetString() == "Dmitry Peskov" && p.GetProperty("role").GetString()!.Contains("spokesman", StringComparison.Ordinal));
    }

    [Fact]
    public void Text_lists_each_document()
    {
        var result = CliRunner.Run("claims", Fixtures.RussiaNato2022);

        Assert.Equal(0, result.ExitCode);
        Assert.Equal(5, result.Stdout.Split('\n').Count(l => l.StartsWith("== ", StringComparison.Ordinal)));
    }
}
