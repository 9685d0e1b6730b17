using System.Text.Json;
using ClaimCompare.Core.Text;
using ClaimCompare.Server.Analysis;
using ClaimCompare.Server.Tests.Support;
using ClaimCompare.Storage;
using ClaimCompare.Storage.Postgres;
using ClaimCompare.Storage.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace ClaimCompare.Server.Tests;

/// <summary>
/// The near-duplicate engine's state in PostgreSQL: a restarted instance answers from the database with nothing in
/// memory, another instance's document is a candidate without any replay, and the answers are those of the in-memory
/// engine on SQLite.
/// </summary>
public class SharedEngineStateTests
{
    private static readonly string[] Fixtures = ["000_8959d211298b2323.txt", "001_f33a823e7d061938.txt", "002_45aa04065411f6dd.txt", "003_dc004be232243bed.txt", "004_f0dd9e6a0525e350.txt"];

    private static CoreDocumentAnalyzer Analyzer(TestApp app) => (CoreDocumentAnalyzer)app.Services.GetRequiredService<IDocumentAnalyzer>();

    private static async Task<JsonElement> IngestAsync(HttpClient client, string outlet, string text, string published)
    {
        var response = await TestApp.IngestAsync(client, Articles.Article(outlet, text, published: published));
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        return await TestApp.JsonAsync(response);
    }

    [PostgresFact]
    public async Task A_restarted_instance_finds_a_reprint_of_a_stored_document_with_nothing_loaded_into_memory()
    {
        var (schema, connectionString) = await PostgresTestDatabase.CreateSchemaAsync();
        try
        {
            string original;
            await using (var first = TestApp.Start(connectionString, withMarkerFindings: false))
            {
                using var client = first.Client(TestApp.AdminKey);
                var ids = new List<string>();
                for (var i = 0; i < Fixtures.Length; i++)
                {
                    ids.Add((await IngestAsync(client, $"Outlet {i}", Articles.Fixture(Fixtures[i]), $"2022-01-1{2 + i}T10:00:00Z")).GetProperty("id").GetString()!);
                }

                original = ids[2];
                Assert.NotNull(Analyzer(first).Shared);
            }

            await using var second = TestApp.Start(connectionString, withMarkerFindings: false);
            using var secondClient = second.Client(TestApp.AdminKey);
            Assert.Equal(200, (int)(await secondClient.GetAsync("/healthz")).StatusCode);
            var state = Analyzer(second).Shared!;
            // Started, and nothing of the stored corpus is in memory: no passage, no word count.
            Assert.Equal(0, state.CachedPassages);
            Assert.Equal(0, state.CachedWords);
            Assert.True(state.PassageCount > 100);

            var reprint = await IngestAsync(secondClient, "Reprinter", "Syndicated from a wire service this week.\n\n" + Articles.Fixture(Fixtures[2]), "2022-01-14T18:00:00Z");
            var others = reprint.GetProperty("nearDuplicates").EnumerateArray().Select(e => e.GetProperty("otherDocument").GetString()).ToList();
            Assert.NotEmpty(others);
            Assert.Contains(original, others);
            // What it read was cached on demand, bounded: a fraction of the corpus.
            Assert.InRange(state.CachedPassages, 1, PostgresNearDuplicateState.PassageCacheSize);
        }
        finally
        {
            await PostgresTestDatabase.DropSchemaAsync(schema);
        }
    }

    [PostgresFact]
    public async Task A_database_without_engine_rows_gets_them_on_start_and_answers_as_before()
    {
        var (schema, connectionString) = await PostgresTestDatabase.CreateSchemaAsync();
        try
        {
            var ids = new List<string>();
            await using (var first = TestApp.Start(connectionString, withMarkerFindings: false))
            {
                using var client = first.Client(TestApp.AdminKey);
                for (var i = 0; i < Fixtures.Length; i++)
                {
                    ids.Add((await IngestAsync(client, $"Outlet {i}", Articles.Fixture(Fixtures[i]), $"2022-01-1{2 + i}T10:00:00Z")).GetProperty("id").GetString()!);
                }
            }

            // As a database of schema version 6 (or a writer that bypassed the service) leaves it: documents, no engine rows.
            PostgresTestDatabase.Scalar(connectionString, "TRUNCATE nd_bands, nd_passages, nd_groups, nd_documents, nd_words; UPDATE nd_meta SET passage_count = 0");

            await using var second = TestApp.Start(connectionString, withMarkerFindings: false);
            using var secondClient = second.Client(TestApp.AdminKey);
            Assert.Equal(200, (int)(await secondClient.GetAsync("/healthz")).StatusCode);
            Assert.Equal(Fixtures.Length, Analyzer(second).Shared!.DocumentCount);
            var reprint = await IngestAsync(secondClient, "Reprinter", "Syndicated from a wire service this week.\n\n" + Articles.Fixture(Fixtures[3]), "2022-01-15T18:00:00Z");
            Assert.Contains(ids[3], reprint.GetProperty("nearDuplicates").EnumerateArray().Select(e => e.GetProperty("otherDocument").GetString()));
        }
        finally
        {
            await PostgresTestDatabase.DropSchemaAsync(schema);
        }
    }

    [PostgresFact]
    public async Task Engine_rows_written_under_another_rewrite_banding_are_rebuilt_on_start()
    {
        var (schema, connectionString) = await PostgresTestDatabase.CreateSchemaAsync();
        const string Rows = "SELECT max(n) FROM (SELECT count(*) AS n FROM nd_bands WHERE tbl = 1 GROUP BY passage) AS per_passage";
        try
        {
            // A database indexed under the rewrite index's banding before rewrite round 5 (24 bands of 3 rows).
            var previous = Core.Similarity.DedupOptions.Default with { RewriteMaxBands = 24 };
            string stored;
            await using (var first = TestApp.Start(connectionString, withMarkerFindings: false, services: s => s.AddSingleton<IDocumentAnalyzer>(p =>
                new CoreDocumentAnalyzer(previous, ((ISharedStoreCoordination)p.GetRequiredService<IClaimStore>()).CreateNearDuplicateState(previous, indexTopics: false)))))
            {
                using var client = first.Client(TestApp.AdminKey);
                for (var i = 0; i < 2; i++)
                {
                    await IngestAsync(client, $"Outlet {i}", Articles.Fixture(Fixtures[i]), $"2022-01-1{2 + i}T10:00:00Z");
                }

                stored = (await IngestAsync(client, "Court", "As a result, Nelson now faces up to 10 years' jail instead of life.", "2022-01-15T10:00:00Z")).GetProperty("id").GetString()!;
                Assert.Equal(24L, PostgresTestDatabase.Scalar(connectionString, Rows));
            }

            await using var second = TestApp.Start(connectionString, withMarkerFindings: false);
            using var secondClient = second.Client(TestApp.AdminKey);
            Assert.Equal(200, (int)(await secondClient.GetAsync("/healthz")).StatusCode);
            var state = Analyzer(second).Shared!;
            Assert.Equal(state.SchemeKey, PostgresTestDatabase.Scalar(connectionString, "SELECT scheme FROM nd_meta"));
            Assert.Equal(3, state.DocumentCount);
            Assert.Equal(36L, PostgresTestDatabase.Scalar(connectionString, Rows));

            // A rewrite the 24-band index does not pair (NearDuplicateDetectorTests) is found against the rebuilt rows.
            var rewrite = await IngestAsync(secondClient, "Wire", "The verdict means Nelson faces up to 10 years in prison rather than a possible life sentence.", "2022-01-15T18:00:00Z");
            var link = Assert.Single(rewrite.GetProperty("nearDuplicates").EnumerateArray());
            Assert.Equal(stored, link.GetProperty("otherDocument").GetString());
            Assert.Equal("rewrite", link.GetProperty("kind").GetString());
        }
        finally
        {
            await PostgresTestDatabase.DropSchemaAsync(schema);
        }
    }

    [PostgresFact]
    public async Task A_document_ingested_through_one_instance_is_a_candidate_of_another_without_any_replay()
    {
        var (schema, connectionString) = await PostgresTestDatabase.CreateSchemaAsync();
        try
        {
            await using var a = TestApp.Start(connectionString, withMarkerFindings: false);
            await using var b = TestApp.Start(connectionString, withMarkerFindings: false);
            using var clientA = a.Client(TestApp.AdminKey);
            using var clientB = b.Client(TestApp.AdminKey);
            Assert.Equal(200, (int)(await clientB.GetAsync("/healthz")).StatusCode);

            var stored = (await IngestAsync(clientA, "Outlet A", Articles.Fixture(Fixtures[1]), "2022-01-13T10:00:00Z")).GetProperty("id").GetString()!;

            // B has ingested nothing, so it has read no change feed: its engine asks the database.
            var engine = Analyzer(b).Engine;
            var text = "A different opening line for this reprint.\n\n" + Articles.Fixture(Fixtures[1]);
            var prepared = engine.Prepare(new TextPipeline().Process(new SourceDocument("reprint", text) { Outlet = "Outlet B" }));
            var matches = engine.QueryDocument(prepared);
            Assert.Contains(matches.Links, l => l.Other.Document == stored);
            Assert.All(matches.Links, l => Assert.Equal(stored, l.Other.Document));
        }
        finally
        {
            await PostgresTestDatabase.DropSchemaAsync(schema);
        }
    }

    [PostgresFact]
    public async Task The_same_ingests_give_the_same_pairs_and_findings_on_postgres_as_the_in_memory_engine_on_sqlite()
    {
        await using var sqlite = TestApp.Start(withMarkerFindings: false, backend: StoreKind.Sqlite);
        await using var postgres = TestApp.Start(withMarkerFindings: false, backend: StoreKind.Postgres);
        using var sqliteClient = sqlite.Client(TestApp.AdminKey);
        using var postgresClient = postgres.Client(TestApp.AdminKey);
        var articles = new List<(string Outlet, string Text, string Published)>();
        for (var i = 0; i < Fixtures.Length; i++)
        {
            var text = Articles.Fixture(Fixtures[i]);
            articles.Add(($"Outlet {i}", text, $"2022-01-1{2 + i}T10:00:00Z"));
            articles.Add(($"Reprint {i}", "Syndicated from a wire service this week.\n\n" + text, $"2022-01-1{2 + i}T18:00:00Z"));
        }

        // A rewrite: every other sentence of the first fixture, so that the rewrite table and word counts matter too.
        var sentences = Articles.Fixture(Fixtures[0]).Split(". ");
        articles.Add(("Digest", string.Join(". ", sentences.Where((_, i) => i % 2 == 0)), "2022-01-20T10:00:00Z"));

        var compared = 0;
        foreach (var (outlet, text, published) in articles)
        {
            var expected = await IngestAsync(sqliteClient, outlet, text, published);
            var actual = await IngestAsync(postgresClient, outlet, text, published);
            Assert.Equal(expected.GetProperty("id").GetString(), actual.GetProperty("id").GetString());
            Assert.Equal(expected.GetProperty("nearDuplicates").GetRawText(), actual.GetProperty("nearDuplicates").GetRawText());
            Assert.Equal(Normalise(expected.GetProperty("findings")), Normalise(actual.GetProperty("findings")));
            compared += expected.GetProperty("nearDuplicates").GetArrayLength();
        }

        Assert.True(compared > 50, $"only {compared} pairs compared");
    }

    [PostgresFact]
    public async Task Inserts_and_deletes_leave_the_database_state_answering_as_the_in_memory_one()
    {
        var (schema, connectionString) = await PostgresTestDatabase.CreateSchemaAsync();
        try
        {
            await using var store = new PostgresClaimStore(new PostgresStoreOptions { ConnectionString = connectionString });
            await store.MigrateAsync(CancellationToken.None);
            var options = Core.Similarity.DedupOptions.Default;
            var state = store.CreateNearDuplicateState(options, indexTopics: false);
            var memory = new Core.Similarity.NearDuplicateEngine(options);
            var database = new Core.Similarity.NearDuplicateEngine(options, state);
            var pipeline = new TextPipeline();
            var documents = new List<ProcessedDocument>();
            for (var i = 0; i < Fixtures.Length; i++)
            {
                var text = Articles.Fixture(Fixtures[i]);
                documents.Add(pipeline.Process(new SourceDocument($"o{i}", text) { Outlet = $"Outlet {i}" }));
                documents.Add(pipeline.Process(new SourceDocument($"r{i}", "Syndicated from a wire service this week.\n\n" + text) { Outlet = $"Reprint {i}" }));
            }

            foreach (var document in documents)
            {
                memory.Insert(document);
                await state.WriteAsync(() => database.Insert(document), CancellationToken.None);
            }

            // Deleting the originals makes the reprints' passages their groups' representatives, indexed anew.
            foreach (var id in new[] { "o0", "o2", "o3" })
            {
                Assert.True(memory.Delete(id));
                await state.WriteAsync(() => Assert.True(database.Delete(id)), CancellationToken.None);
            }

            Assert.Equal(memory.State.PassageCount, state.PassageCount);
            Assert.Equal(memory.State.Words.PassageCount, state.Words.PassageCount);
            Assert.Equal(memory.State.GetDocuments().Select(d => d.Id), state.GetDocuments().Select(d => d.Id));
            var links = 0;
            for (var i = 0; i < Fixtures.Length; i++)
            {
                var query = pipeline.Process(new SourceDocument($"q{i}", "Another outlet's own first line.\n\n" + Articles.Fixture(Fixtures[i])) { Outlet = "Outlet Q" });
                var expected = memory.QueryDocument(memory.Prepare(query)).Links;
                var actual = database.QueryDocument(database.Prepare(query)).Links;
                Assert.Equal(Describe(expected), Describe(actual));
                links += expected.Count;
            }

            Assert.True(links > 50, $"only {links} links compared");
        }
        finally
        {
            await PostgresTestDatabase.DropSchemaAsync(schema);
        }
    }

    private static List<string> Describe(IReadOnlyList<Core.Similarity.NearDuplicateLink> links) =>
        [.. links.Select(l => $"{l.Passage}->{l.Other.Document}#{l.Other.Passage.Index}/{l.Other.Group} {l.Kind} {l.Scores.Jaccard:R} {l.Scores.Containment:R} {l.Scores.Fuzzy:R} {l.Scores.Confidence:R}")];

    /// <summary>Findings without their store-assigned ids.</summary>
    private static string Normalise(JsonElement findings) =>
        string.Join("\n", findings.EnumerateArray().Select(f =>
            f.GetProperty("kind").GetString() + ":" + string.Join(" ", f.GetProperty("evidence").EnumerateArray().Select(e => e.GetRawText()))));
}
