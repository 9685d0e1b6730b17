using System.Globalization;
using System.Text.Json;
using ClaimCompare.Core.Comparison;
using ClaimCompare.Core.Reporting;
using ClaimCompare.Core.Similarity;
using ClaimCompare.Core.Text;
using ClaimCompare.Server.Tests.Support;
using ClaimCompare.Storage;
using ClaimCompare.Storage.Tests.Support;

namespace ClaimCompare.Server.Tests;

/// <summary>The service and the CLI share one near-duplicate engine: ingesting documents one by one gives what one batch gives.</summary>
public class OneEngineTests
{
    private static readonly string[] Names =
    [
        "000_8959d211298b2323.txt", "001_f33a823e7d061938.txt", "002_45aa04065411f6dd.txt", "003_dc004be232243bed.txt", "004_f0dd9e6a0525e350.txt",
    ];

    private static readonly JsonSerializerOptions WireJson = new(JsonSerializerDefaults.Web)
    {
        Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter(JsonNamingPolicy.KebabCaseLower) },
        NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    [Theory]
    [SqliteData]
    [PostgresData]
    public async Task Ingesting_the_fixtures_one_by_one_gives_the_clusters_and_findings_of_the_batch_report(StoreKind backend)
    {
        // Service path: each fixture through the API, one at a time (on PostgreSQL the engine's state is the database's).
        await using var app = TestApp.Start(withMarkerFindings: false, backend: backend);
        using var client = app.Client(TestApp.AdminKey);
        var documents = new List<ProcessedDocument>();
        var serviceEdges = new List<((string, int), (string, int))>();
        var serviceFindings = new HashSet<string>(StringComparer.Ordinal);
        var pipeline = new TextPipeline();
        foreach (var (name, i) in Names.Select((n, i) => (n, i)))
        {
            var text = Articles.Fixture(name);
            var published = new DateTimeOffset(2022, 1, 12 + i, 10, 0, 0, TimeSpan.Zero);
            var response = await TestApp.JsonAsync(await TestApp.IngestAsync(client,
                Articles.Article($"Outlet {i}", text, story: "russia-nato", published: published.ToString("O", CultureInfo.InvariantCulture))));
            var id = response.GetProperty("id").GetString()!;
            foreach (var edge in response.GetProperty("nearDuplicates").EnumerateArray())
            {
                serviceEdges.Add(((id, edge.GetProperty("passage").GetInt32()),
                    (edge.GetProperty("otherDocument").GetString()!, edge.GetProperty("otherPassage").GetInt32())));
            }

            foreach (var finding in response.GetProperty("findings").EnumerateArray())
            {
                serviceFindings.Add(Key(finding));
            }

            // CLI path: the same documents (same ids, outlets and dates), processed by the same pipeline.
            documents.Add(pipeline.Process(new SourceDocument(id, text) { Outlet = $"Outlet {i}", Date = DateOnly.FromDateTime(published.UtcDateTime) }));
        }

        var report = new ComparisonReportBuilder().Build(documents);
        var batchClusters = report.Clusters
            .Select(c => string.Join(" ", c.Members.Select(m => $"{m.Document}#{m.Passage}").Order(StringComparer.Ordinal)))
            .Order(StringComparer.Ordinal).ToList();
        var serviceClusters = Components(serviceEdges);
        Assert.NotEmpty(batchClusters);
        Assert.Equal(batchClusters, serviceClusters);

        // Findings: the service raises each one when the later of its documents arrives; single-source claims are the batch's alone.
        var batchFindings = report.Findings
            .Where(f => f.Kind != FindingKind.SingleSource)
            .Select(f => Key(JsonSerializer.SerializeToElement(f, WireJson)))
            .ToHashSet(StringComparer.Ordinal);
        Assert.NotEmpty(batchFindings);
        // Every batch finding is raised by the service too. The service raises a finding when the later of its documents
        // arrives, so a claim that more documents repeat later is also found earlier with fewer of them: each finding the
        // service has beyond the batch's is such an earlier one, its evidence within one batch finding of the same kind.
        Assert.Empty(batchFindings.Except(serviceFindings));
        foreach (var extra in serviceFindings.Except(batchFindings))
        {
            var (kind, evidence) = Split(extra);
            Assert.Contains(batchFindings, f => Split(f) is var (k, e) && k == kind && evidence.IsSubsetOf(e));
        }
    }

    private static (string Kind, HashSet<string> Evidence) Split(string key)
    {
        var colon = key.IndexOf(": ", StringComparison.Ordinal);
        return (key[..colon], [.. key[(colon + 2)..].Split(' ')]);
    }

    /// <summary>A finding as its kind and the set of (document, sentence span) of its evidence.</summary>
    private static string Key(JsonElement finding)
    {
        var evidence = finding.GetProperty("evidence").EnumerateArray()
            .Select(e => $"{e.GetProperty("document").GetString()}@{e.GetProperty("sentence").GetProperty("start").GetInt32()}-{e.GetProperty("sentence").GetProperty("end").GetInt32()}")
            .Order(StringComparer.Ordinal);
        return finding.GetProperty("kind").GetString() + ": " + string.Join(" ", evidence);
    }

    /// <summary>The connected components of the edges, each as its sorted members, sorted.</summary>
    private static List<string> Components(List<((string, int) A, (string, int) B)> edges)
    {
        var parent = new Dictionary<(string, int), (string, int)>();
        (string, int) Find((string, int) x)
        {
            while (parent.TryGetValue(x, out var p) && p != x)
            {
                x = p;
            }

            return x;
        }

        foreach (var (a, b) in edges)
        {
            parent.TryAdd(a, a);
            parent.TryAdd(b, b);
            var (ra, rb) = (Find(a), Find(b));
            if (ra != rb)
            {
                parent[ra] = rb;
            }
        }

        return [.. parent.Keys.GroupBy(Find)
            .Select(g => string.Join(" ", g.Select(m => $"{m.Item1}#{m.Item2}").Order(StringComparer.Ordinal)))
            .Order(StringComparer.Ordinal)];
    }
}
