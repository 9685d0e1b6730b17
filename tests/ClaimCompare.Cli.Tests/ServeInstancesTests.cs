using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ClaimCompare.Cli.Tests.Support;
using ClaimCompare.Storage.Tests.Support;
using Npgsql;
using Xunit.Abstractions;

namespace ClaimCompare.Cli.Tests;

/// <summary>
/// Two <c>claimcompare serve</c> processes (the CLI as built, each a process of its own) on one PostgreSQL database:
/// ingests and review decisions through both at once keep every acknowledged document, near-duplicate pair, review item
/// and decision exactly once, and one process killed with SIGKILL in the middle of a write loses nothing acknowledged,
/// leaves nothing half-written and does not stop the other.
/// </summary>
/// <remarks>
/// Each case has a fresh schema in the database <c>CLAIMCOMPARE_TEST_POSTGRES</c> names (<c>.ci/postgres.sh</c>); the
/// processes listen on ports the kernel picks, and are killed when the case ends, whatever its outcome.
/// </remarks>
public sealed class ServeInstancesTests(ITestOutputHelper output) : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    /// <summary>What one acknowledged (2xx) ingest answered.</summary>
    private sealed record Acknowledged(string Source, string Instance, HttpStatusCode Status, string Id, bool Duplicate, int Passages,
        IReadOnlyList<string> Edges, IReadOnlyList<long> CreatedItems);

    /// <summary>A review decision the service acknowledged (200), with the note that identifies it.</summary>
    private sealed record Decision(long Item, string Status, string Note);

    private static string FixtureText(int i)
    {
        string[] files = ["000_8959d211298b2323.txt", "001_f33a823e7d061938.txt", "002_45aa04065411f6dd.txt", "003_dc004be232243bed.txt", "004_f0dd9e6a0525e350.txt"];
        return File.ReadAllText(Path.Combine(Fixtures.RussiaNato2022, files[i]));
    }

    private static Dictionary<string, object?> Article(string source, string text, string published) => new()
    {
        ["source"] = source,
        ["url"] = $"https://{source.ToLowerInvariant().Replace(' ', '-')}.example/story",
        ["published"] = published,
        ["title"] = "Russia-NATO talks",
        ["text"] = text,
    };

    /// <summary>The five fixtures, each also reprinted by a second outlet with its own opening line.</summary>
    private static List<Dictionary<string, object?>> FixturesAndReprints()
    {
        var articles = new List<Dictionary<string, object?>>();
        for (var i = 0; i < 5; i++)
        {
            var text = FixtureText(i);
            articles.Add(Article($"Outlet {i}", text, $"2022-01-{12 + i}T10:00:00Z"));
            articles.Add(Article($"Reprint {i}", "Syndicated from a wire service this week.\n\n" + text, $"2022-01-{12 + i}T18:00:00Z"));
        }

        return articles;
    }

    /// <summary>The <paramref name="n"/>th article of an endless burst: a fixture reprinted by one more outlet, with an opening line of its own.</summary>
    private static Dictionary<string, object?> BurstArticle(int n) =>
        Article($"Burst outlet {n}", $"Burst outlet {n} carried this report from its own correspondent, filed as number {n}.\n\n" + FixtureText(n % 5),
            $"2022-01-{12 + (n % 5)}T{8 + (n / 5 % 12):00}:00:00Z");

    private static string SourceOf(Dictionary<string, object?> article) => (string)article["source"]!;

    private static async Task<Acknowledged?> IngestAsync(HttpClient client, string instance, Dictionary<string, object?> article)
    {
        using var response = await client.PostAsJsonAsync(new Uri("api/documents", UriKind.Relative), article);
        var body = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode)
        {
            Assert.Fail($"ingest of {SourceOf(article)} through {instance} answered {(int)response.StatusCode}: {body}");
        }

        var json = JsonDocument.Parse(body).RootElement;
        var edges = json.GetProperty("nearDuplicates").EnumerateArray()
            .Select(e => Edge(e.GetProperty("document").GetString()!, e.GetProperty("passage").GetInt32(), e.GetProperty("otherDocument").GetString()!, e.GetProperty("otherPassage").GetInt32()))
            .ToList();
        var created = json.GetProperty("reviewItems").GetProperty("created").EnumerateArray().Select(i => i.GetInt64()).ToList();
        return new Acknowledged(SourceOf(article), instance, response.StatusCode, json.GetProperty("id").GetString()!, json.GetProperty("duplicate").GetBoolean(),
            json.GetProperty("passages").GetArrayLength(), edges, created);
    }

    /// <summary>A near-duplicate pair of passages, the same whichever side reports it.</summary>
    private static string Edge(string a, int ap, string b, int bp) =>
        string.CompareOrdinal(a, b) < 0 || (a == b && ap <= bp) ? $"{a}#{ap}~{b}#{bp}" : $"{b}#{bp}~{a}#{ap}";

    private static NpgsqlConnection Open(string connectionString)
    {
        var connection = new NpgsqlConnection(PostgresTestDatabase.Unpooled(connectionString));
        connection.Open();
        return connection;
    }

    private static List<T> Rows<T>(string connectionString, string sql, Func<NpgsqlDataReader, T> read)
    {
        using var connection = Open(connectionString);
        using var command = new NpgsqlCommand(sql, connection);
        using var reader = command.ExecuteReader();
        var rows = new List<T>();
        while (reader.Read())
        {
            rows.Add(read(reader));
        }

        return rows;
    }

    private static long Count(string connectionString, string sql) => Convert.ToInt64(PostgresTestDatabase.Scalar(connectionString, sql), System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Stories as sets of outlets, near-duplicate pairs as outlet pairs, and review items as (kind, outlets of their evidence): ids differ between databases.</summary>
    private static (SortedSet<string> Stories, SortedSet<string> Pairs, List<string> Items) Shape(string connectionString)
    {
        var stories = new SortedSet<string>(Rows(connectionString,
            "SELECT string_agg(source, ',' ORDER BY source) FROM documents GROUP BY story_id", r => r.GetString(0)), StringComparer.Ordinal);
        var pairs = new SortedSet<string>(Rows(connectionString, """
            SELECT DISTINCT LEAST(a.source, b.source) || '~' || GREATEST(a.source, b.source)
            FROM near_duplicates n JOIN documents a ON a.id = n.a_document JOIN documents b ON b.id = n.b_document
            """, r => r.GetString(0)), StringComparer.Ordinal);
        var items = Rows(connectionString, """
            SELECT i.kind || ':' || string_agg(DISTINCT d.source, ',' ORDER BY d.source)
            FROM review_items i JOIN review_evidence e ON e.item_id = i.id JOIN documents d ON d.id = e.document_id
            GROUP BY i.id, i.kind ORDER BY 1
            """, r => r.GetString(0));
        return (stories, pairs, items);
    }

    /// <summary>The articles in the order the database committed them (the change feed), by outlet.</summary>
    private static List<string> CommitOrder(string connectionString) =>
        Rows(connectionString, "SELECT d.source FROM store_changes c JOIN documents d ON d.id = c.document_id WHERE NOT c.deleted ORDER BY c.seq", r => r.GetString(0));

    /// <summary>One more process on a fresh schema ingests <paramref name="order"/> one at a time: what one instance makes of the same arrivals.</summary>
    private async Task<(SortedSet<string> Stories, SortedSet<string> Pairs, List<string> Items)> ReferenceShapeAsync(
        List<string> order, IReadOnlyDictionary<string, Dictionary<string, object?>> articles)
    {
        var (schema, connectionString) = await PostgresTestDatabase.CreateSchemaAsync();
        try
        {
            await using var single = await ServeProcess.StartAsync("reference", connectionString, _folder.Path);
            using var client = single.Client();
            foreach (var source in order)
            {
                var ack = await IngestAsync(client, "reference", articles[source]);
                Assert.Equal(HttpStatusCode.Created, ack!.Status);
            }

            return Shape(connectionString);
        }
        finally
        {
            await PostgresTestDatabase.DropSchemaAsync(schema);
        }
    }

    /// <summary>
    /// <paramref name="db"/> holds the stories, near-duplicate pairs and review items that one process makes of the same
    /// articles arriving in the order <paramref name="db"/> committed them; returns that reference.
    /// </summary>
    private async Task<(SortedSet<string> Stories, SortedSet<string> Pairs, List<string> Items)> AssertSameAsOneProcessAsync(
        string db, IReadOnlyDictionary<string, Dictionary<string, object?>> articles)
    {
        var reference = await ReferenceShapeAsync(CommitOrder(db), articles);
        var actual = Shape(db);
        Assert.NotEmpty(reference.Pairs);
        Assert.Equal(reference.Stories, actual.Stories);
        Assert.Equal(reference.Pairs, actual.Pairs);
        Assert.Equal(reference.Items, actual.Items);
        return reference;
    }

    /// <summary>Checks that hold for any database the service wrote: every row whole, nothing twice.</summary>
    private static void AssertWholeAndUnique(string db)
    {
        // A document is whole: passages, a signature per passage that has one, its story and its feed row.
        Assert.Equal(0L, Count(db, "SELECT COUNT(*) FROM documents d WHERE NOT EXISTS (SELECT 1 FROM passages p WHERE p.document_id = d.id)"));
        Assert.Equal(0L, Count(db, "SELECT COUNT(*) FROM documents d WHERE NOT EXISTS (SELECT 1 FROM signatures s WHERE s.document_id = d.id)"));
        Assert.Equal(0L, Count(db, "SELECT COUNT(*) FROM documents d WHERE NOT EXISTS (SELECT 1 FROM stories s WHERE s.id = d.story_id)"));
        Assert.Equal(0L, Count(db, "SELECT COUNT(*) FROM documents d WHERE (SELECT COUNT(*) FROM store_changes c WHERE c.document_id = d.id AND NOT c.deleted) <> 1"));
        Assert.Equal(0L, Count(db, "SELECT COUNT(*) FROM store_changes c WHERE NOT c.deleted AND NOT EXISTS (SELECT 1 FROM documents d WHERE d.id = c.document_id)"));
        // One document per article, one row per pair, one item per disputed claim, no empty story or item.
        Assert.Equal(0L, Count(db, "SELECT COUNT(*) FROM (SELECT content_hash FROM documents GROUP BY content_hash HAVING COUNT(*) > 1) x"));
        Assert.Equal(0L, Count(db, """
            SELECT COUNT(*) FROM near_duplicates n
            WHERE EXISTS (SELECT 1 FROM near_duplicates m WHERE m.a_document = n.b_document AND m.a_passage = n.b_passage
                                                              AND m.b_document = n.a_document AND m.b_passage = n.a_passage)
            """));
        Assert.Equal(0L, Count(db, """
            SELECT COUNT(*) FROM (
                SELECT i.story_id, i.kind, e.document_id, e.claim_start, e.claim_end FROM review_evidence e JOIN review_items i ON i.id = e.item_id
                GROUP BY 1, 2, 3, 4, 5 HAVING COUNT(DISTINCT i.id) > 1) x
            """));
        Assert.Equal(0L, Count(db, "SELECT COUNT(*) FROM review_items i WHERE NOT EXISTS (SELECT 1 FROM review_evidence e WHERE e.item_id = i.id)"));
        Assert.Equal(0L, Count(db, "SELECT COUNT(*) FROM stories s WHERE NOT EXISTS (SELECT 1 FROM documents d WHERE d.story_id = s.id)"));
    }

    /// <summary>Every acknowledged ingest's document, near-duplicate pairs and new review items are stored, once.</summary>
    private static void AssertAcknowledgedStored(string db, IReadOnlyCollection<Acknowledged> acknowledged)
    {
        var passages = Rows(db, "SELECT d.id, COUNT(p.idx) FROM documents d JOIN passages p ON p.document_id = d.id GROUP BY d.id",
            r => (Id: r.GetString(0), Count: r.GetInt64(1))).ToDictionary(x => x.Id, x => x.Count, StringComparer.Ordinal);
        var edges = Rows(db, "SELECT a_document, a_passage, b_document, b_passage FROM near_duplicates",
            r => Edge(r.GetString(0), r.GetInt32(1), r.GetString(2), r.GetInt32(3)));
        var edgeSet = new HashSet<string>(edges, StringComparer.Ordinal);
        Assert.Equal(edges.Count, edgeSet.Count);
        var items = new HashSet<long>(Rows(db, "SELECT id FROM review_items", r => r.GetInt64(0)));
        foreach (var ack in acknowledged)
        {
            Assert.True(passages.TryGetValue(ack.Id, out var stored), $"{ack.Source} was acknowledged ({(int)ack.Status}) by {ack.Instance} as {ack.Id}, which is not stored");
            Assert.Equal(ack.Passages, stored);
            foreach (var edge in ack.Edges)
            {
                Assert.True(edgeSet.Contains(edge), $"near-duplicate {edge} acknowledged by {ack.Instance} for {ack.Source} is not stored");
            }

            foreach (var item in ack.CreatedItems)
            {
                Assert.True(items.Contains(item), $"review item {item} acknowledged by {ack.Instance} for {ack.Source} is not stored");
            }
        }

        // One id per article, whichever instance answered and however often.
        foreach (var group in acknowledged.GroupBy(a => a.Source, StringComparer.Ordinal))
        {
            Assert.Single(group.Select(a => a.Id).Distinct(StringComparer.Ordinal));
            Assert.True(group.Count(a => a.Status == HttpStatusCode.Created) <= 1, $"{group.Key} was created twice");
        }

        Assert.Equal(acknowledged.Select(a => a.CreatedItems).SelectMany(i => i).Count(), acknowledged.Select(a => a.CreatedItems).SelectMany(i => i).Distinct().Count());
    }

    /// <summary>
    /// A reviewer deciding every open item it sees through one instance, until <paramref name="stop"/> is set and no open
    /// item is left. Decisions that lose a race (another reviewer, or new evidence, changed the item since it was read)
    /// answer 412 and are not acknowledged.
    /// </summary>
    private static async Task<List<Decision>> ReviewAsync(HttpClient client, string reviewer, Func<bool> stop)
    {
        var decisions = new List<Decision>();
        var n = 0;
        while (true)
        {
            var done = stop();
            using var list = await client.GetAsync(new Uri("api/review?status=open&pageSize=100", UriKind.Relative));
            Assert.Equal(HttpStatusCode.OK, list.StatusCode);
            var ids = JsonDocument.Parse(await list.Content.ReadAsStringAsync()).RootElement.GetProperty("items").EnumerateArray()
                .Select(i => i.GetProperty("id").GetInt64()).ToList();
            if (ids.Count == 0 && done)
            {
                return decisions;
            }

            if (ids.Count == 0)
            {
                await Task.Delay(20);
                continue;
            }

            foreach (var id in ids)
            {
                using var read = await client.GetAsync(new Uri($"api/review/{id}", UriKind.Relative));
                Assert.Equal(HttpStatusCode.OK, read.StatusCode);
                var status = n % 3 == 0 ? "dismissed" : "confirmed";
                var note = $"{reviewer}-{n++}";
                using var request = new HttpRequestMessage(HttpMethod.Post, new Uri($"api/review/{id}/decision", UriKind.Relative))
                {
                    Content = JsonContent.Create(new { status, note }),
                };
                request.Headers.TryAddWithoutValidation("If-Match", read.Headers.ETag!.ToString());
                using var decided = await client.SendAsync(request);
                if (decided.StatusCode == HttpStatusCode.OK)
                {
                    decisions.Add(new Decision(id, status, note));
                }
                else
                {
                    Assert.True(decided.StatusCode == HttpStatusCode.PreconditionFailed, $"decision on {id} by {reviewer} answered {(int)decided.StatusCode}: {await decided.Content.ReadAsStringAsync()}");
                }
            }
        }
    }

    /// <summary>Each acknowledged decision is in the audit once, and each item shows the last decision made on it.</summary>
    private static void AssertDecisionsKept(string db, IReadOnlyCollection<Decision> decisions)
    {
        var audit = Rows(db, "SELECT item_id, after FROM review_audit WHERE action = 'decided' ORDER BY id", r => (Item: r.GetInt64(0), After: JsonDocument.Parse(r.GetString(1)).RootElement));
        Assert.Equal(decisions.Count, audit.Count);
        foreach (var decision in decisions)
        {
            var entry = Assert.Single(audit, a => a.After.GetProperty("note").GetString() == decision.Note);
            Assert.Equal(decision.Item, entry.Item);
            Assert.Equal(decision.Status, entry.After.GetProperty("status").GetString());
        }

        var status = Rows(db, "SELECT id, status FROM review_items", r => (r.GetInt64(0), r.GetString(1))).ToDictionary(x => x.Item1, x => x.Item2);
        foreach (var last in audit.GroupBy(a => a.Item).Select(g => g.Last()))
        {
            Assert.Equal(last.After.GetProperty("status").GetString(), status[last.Item]);
        }
    }

    [PostgresFact]
    public async Task Two_serve_processes_ingesting_and_reviewing_at_once_keep_every_acknowledged_document_pair_item_and_decision_once()
    {
        var (schema, db) = await PostgresTestDatabase.CreateSchemaAsync();
        try
        {
            var articles = FixturesAndReprints();
            var bySource = articles.ToDictionary(SourceOf, StringComparer.Ordinal);
            var acknowledged = new ConcurrentBag<Acknowledged>();
            List<Decision> decisions;
            {
                var started = await ServeProcess.StartAllAsync(_folder.Path, ("a", db), ("b", db));
                await using var a = started[0];
                await using var b = started[1];
                using var ingestA = a.Client();
                using var ingestB = b.Client();
                using var alice = a.Client(ServeProcess.ReviewerKey);
                using var bob = b.Client(ServeProcess.SecondReviewerKey);

                // Half through each process, both at once; each article is then sent again through the other (a client
                // retrying elsewhere), which must answer with the stored document rather than store a second one.
                async Task Send(HttpClient first, string firstName, HttpClient second, string secondName, int parity)
                {
                    for (var i = parity; i < articles.Count; i += 2)
                    {
                        acknowledged.Add((await IngestAsync(first, firstName, articles[i]))!);
                        acknowledged.Add((await IngestAsync(second, secondName, articles[i]))!);
                    }
                }

                var ingesting = Task.WhenAll(Send(ingestA, "a", ingestB, "b", 0), Send(ingestB, "b", ingestA, "a", 1));
                // Two reviewers, one on each process, decide what they see meanwhile, often the same item at once.
                var reviews = await Task.WhenAll(ReviewAsync(alice, "alice", () => ingesting.IsCompleted), ReviewAsync(bob, "bob", () => ingesting.IsCompleted));
                await ingesting;
                decisions = [.. reviews[0], .. reviews[1]];
                output.WriteLine($"decisions acknowledged: alice (through a) {reviews[0].Count}, bob (through b) {reviews[1].Count}");

                // Both processes serve the same clusters.
                var clustersA = await ingestA.GetStringAsync(new Uri("api/clusters?pageSize=200", UriKind.Relative));
                var clustersB = await ingestB.GetStringAsync(new Uri("api/clusters?pageSize=200", UriKind.Relative));
                Assert.Equal(clustersA, clustersB);
                Assert.False(a.HasExited || b.HasExited, a.Output + "\n" + b.Output);
            }

            var acks = acknowledged.ToList();
            Assert.Equal(articles.Count, acks.Count(x => x.Status == HttpStatusCode.Created));
            Assert.Equal(articles.Count, acks.Count(x => x.Status == HttpStatusCode.OK && x.Duplicate));
            Assert.Equal(articles.Count, Count(db, "SELECT COUNT(*) FROM documents"));
            AssertAcknowledgedStored(db, acks);
            AssertWholeAndUnique(db);
            Assert.NotEmpty(decisions);
            AssertDecisionsKept(db, decisions);

            // The same as one process ingesting the articles in the order the two committed them.
            var reference = await AssertSameAsOneProcessAsync(db, bySource);
            Assert.NotEmpty(reference.Items);
        }
        finally
        {
            NpgsqlConnection.ClearAllPools();
            await PostgresTestDatabase.DropSchemaAsync(schema);
        }
    }

    /// <summary>
    /// Whether <paramref name="application"/>'s sessions hold the schema's ingest lock while one of them has a write
    /// transaction open (a transaction id is assigned at its first write): the process is in the middle of storing a document.
    /// </summary>
    private static bool IsMidWrite(NpgsqlConnection watcher, string schema, string application)
    {
        using var command = new NpgsqlCommand("""
            WITH k AS (SELECT hashtextextended('claimcompare/ingest/' || @schema, 0) AS key)
            SELECT EXISTS (
                       SELECT 1 FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid, k
                       WHERE l.locktype = 'advisory' AND l.granted AND l.objsubid = 1 AND a.application_name = @app
                         AND l.classid::bigint = ((k.key >> 32) & 4294967295) AND l.objid::bigint = (k.key & 4294967295))
               AND EXISTS (SELECT 1 FROM pg_stat_activity WHERE application_name = @app AND backend_xid IS NOT NULL)
            """, watcher);
        command.Parameters.AddWithValue("schema", schema);
        command.Parameters.AddWithValue("app", application);
        return (bool)command.ExecuteScalar()!;
    }

    private static long SessionsOf(string db, string application) =>
        Count(db, $"SELECT COUNT(*) FROM pg_stat_activity WHERE application_name = '{application}'");

    [PostgresFact]
    public async Task Killing_one_serve_process_mid_write_loses_nothing_acknowledged_and_the_other_keeps_ingesting()
    {
        var (schema, db) = await PostgresTestDatabase.CreateSchemaAsync();
        var victimName = "claimcompare-victim-" + schema;
        var victimDb = new NpgsqlConnectionStringBuilder(db) { ApplicationName = victimName }.ConnectionString;
        try
        {
            var acknowledged = new ConcurrentBag<Acknowledged>();
            var sent = new ConcurrentDictionary<string, Dictionary<string, object?>>(StringComparer.Ordinal);
            var lost = new ConcurrentBag<Dictionary<string, object?>>();
            var next = -1;
            Dictionary<string, object?> Take()
            {
                var article = BurstArticle(Interlocked.Increment(ref next));
                sent[SourceOf(article)] = article;
                return article;
            }

            var killed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            var killing = false;
            const int MaxArticles = 150;
            var started = await ServeProcess.StartAllAsync(_folder.Path, ("victim", victimDb), ("survivor", db));
            await using (var victim = started[0])
            await using (var survivor = started[1])
            {
                // The victim's clients send new articles until it dies; an ingest cut off by the kill is not acknowledged.
                async Task SendToVictim()
                {
                    using var client = victim.Client();
                    while (!Volatile.Read(ref killing) && Volatile.Read(ref next) < MaxArticles)
                    {
                        var article = Take();
                        try
                        {
                            acknowledged.Add((await IngestAsync(client, "victim", article))!);
                        }
                        catch (HttpRequestException) when (Volatile.Read(ref killing))
                        {
                            lost.Add(article);
                        }
                    }
                }

                // The survivor's clients send throughout, and go on after the kill.
                async Task SendToSurvivor(int afterKill)
                {
                    using var client = survivor.Client();
                    while (!killed.Task.IsCompleted && Volatile.Read(ref next) < MaxArticles)
                    {
                        acknowledged.Add((await IngestAsync(client, "survivor", Take()))!);
                    }

                    for (var i = 0; i < afterKill; i++)
                    {
                        var ack = (await IngestAsync(client, "survivor", Take()))!;
                        Assert.Equal(HttpStatusCode.Created, ack.Status);
                        acknowledged.Add(ack);
                    }
                }

                // kill -9 the moment the victim holds the ingest lock with its write transaction open, once it has
                // acknowledged some ingests; given up when its clients stopped without that moment coming.
                async Task Watch(Task victimClients)
                {
                    await using var watcher = Open(db);
                    while (!victimClients.IsCompleted)
                    {
                        if (acknowledged.Count(a => a.Instance == "victim") >= 4 && IsMidWrite(watcher, schema, victimName))
                        {
                            Volatile.Write(ref killing, true);
                            victim.KillHard();
                            killed.SetResult();
                            return;
                        }

                        await Task.Yield();
                    }

                    killed.TrySetException(new InvalidOperationException($"the victim was never seen in the middle of a write in {MaxArticles} articles"));
                }

                var victimClients = Task.WhenAll(SendToVictim(), SendToVictim());
                var watching = Task.Run(() => Watch(victimClients));
                await Task.WhenAll(victimClients, SendToSurvivor(3), SendToSurvivor(3), watching);
                await killed.Task;
                Assert.True(victim.HasExited);

                // The dead process's sessions are gone (with them its advisory lock), and the survivor still serves reads and writes.
                var deadline = DateTime.UtcNow.AddSeconds(30);
                while (SessionsOf(db, victimName) > 0 && DateTime.UtcNow < deadline)
                {
                    await Task.Delay(50);
                }

                Assert.Equal(0L, SessionsOf(db, victimName));
                using var reviewer = survivor.Client(ServeProcess.ReviewerKey);
                using var queue = await reviewer.GetAsync(new Uri("api/review?status=open", UriKind.Relative));
                Assert.Equal(HttpStatusCode.OK, queue.StatusCode);
                Assert.False(survivor.HasExited, survivor.Output);

                // Nothing acknowledged is lost and nothing is half-written, before the victim comes back.
                AssertAcknowledgedStored(db, [.. acknowledged]);
                AssertWholeAndUnique(db);

                // The victim restarts on the same database; what its clients never heard back about is sent again through
                // it (stored once already if the kill came after the commit: then it answers with that document).
                await using var restarted = await ServeProcess.StartAsync("restarted", victimDb, _folder.Path);
                using var client = restarted.Client();
                foreach (var article in lost)
                {
                    acknowledged.Add((await IngestAsync(client, "restarted", article))!);
                }

                // And both go on ingesting side by side: reprints of what the other stored while the victim was down.
                await Task.WhenAll(
                    Task.Run(async () => acknowledged.Add((await IngestAsync(client, "restarted", Take()))!)),
                    Task.Run(async () =>
                    {
                        using var other = survivor.Client();
                        acknowledged.Add((await IngestAsync(other, "survivor", Take()))!);
                    }));
            }

            Assert.Contains(acknowledged, a => a.Instance == "victim");
            output.WriteLine($"articles: {sent.Count}; acknowledged by the victim before the kill: {acknowledged.Count(a => a.Instance == "victim")}, " +
                $"cut off by the kill: {lost.Count} (stored before the kill after all: {acknowledged.Count(a => a.Instance == "restarted" && a.Duplicate)}), " +
                $"by the survivor: {acknowledged.Count(a => a.Instance == "survivor")}");
            var acks = acknowledged.ToList();
            Assert.Equal(sent.Count, Count(db, "SELECT COUNT(*) FROM documents"));
            Assert.Equal(sent.Count, acks.Select(a => a.Source).Distinct(StringComparer.Ordinal).Count());
            AssertAcknowledgedStored(db, acks);
            AssertWholeAndUnique(db);

            // Consistent: the same stories, pairs and review items as one process ingesting everything in commit order.
            await AssertSameAsOneProcessAsync(db, sent);
        }
        finally
        {
            NpgsqlConnection.ClearAllPools();
            await PostgresTestDatabase.DropSchemaAsync(schema);
        }
    }
}
