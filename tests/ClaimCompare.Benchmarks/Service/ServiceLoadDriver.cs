using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using ClaimCompare.Benchmarks.Similarity;
using ClaimCompare.Server.Hosting;
using Microsoft.AspNetCore.Hosting;

namespace ClaimCompare.Benchmarks.Service;

/// <summary>
/// A bounded load test of the service with its real analysis: starts it in-process on 127.0.0.1 only (an
/// ephemeral port, a fresh SQLite file in a temporary folder, the analyzer the server registers by default, i.e.
/// <c>CoreDocumentAnalyzer</c> with its document-local preparation outside the ingest lock), ingests a
/// pre-generated stream of articles over HTTP from several clients until the store holds the target number of
/// passages (or a count or time bound is hit), then reads the whole review queue and measures review-queue read
/// latency. Stops the server itself and deletes its database.
/// </summary>
/// <remarks>
/// <para>
/// The stream (<see cref="LoadArticles"/>) is built before the clock starts: about 85% bulk articles from
/// <c>SyndicationCorpus</c> (unrelated originals plus outlet copies with dropped, swapped and edited sentences and
/// changed figures, sent without a story key, so the server groups them by near-duplicates) interleaved
/// deterministically with about 15% story articles from <c>StoryCorpus</c> (the russia-nato-2022 fixtures reworked
/// with synonyms, hedges and a few changed figures), sent with a client story key in groups, so the real claim
/// aligner raises real conflicts, quote variants and role conflicts and later articles add evidence to the review
/// items earlier ones opened.
/// </para>
/// <para>
/// It reports ingest throughput overall and over each half of the run (a slowdown as the store grows shows as a
/// lower second half), with progress lines per tenth of the target; ingest latency p50/p99 (all, bulk, story);
/// HTTP statuses; findings returned by ingests by kind; the bulk articles' near-duplicate pairs against the corpus's
/// passage-level truth (precision and recall, by kind, exact and edited copies, sign-off lines, examples of misses);
/// review items by kind and status from <c>GET /api/review</c>; and read latency of the queue during ingest and
/// afterwards. Only the HTTP API is used, with an admin key.
/// </para>
/// <para>
/// Usage: <c>dotnet run -c Release --project tests/ClaimCompare.Benchmarks -- service-load [--passages 100000]
/// [--max-articles 10000] [--max-seconds 600] [--clients 8] [--reads 2000] [--story-size 25] [--story-percent 15]</c>.
/// </para>
/// </remarks>
internal static class ServiceLoadDriver
{
    private const string Key = "load-driver-admin-key-000000001";

    private static readonly string[] Options = ["--passages", "--max-articles", "--max-seconds", "--clients", "--reads", "--story-size", "--story-percent", "--instances"];

    private static readonly string[] ReviewKinds = ["conflict", "quote-variant", "role-conflict"];

    private static readonly string[] Statuses = ["open", "in-progress", "confirmed", "dismissed", "needs-info"];

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>Review-queue reads that did not answer 2xx: status and route, counted rather than thrown.</summary>
    private static readonly Dictionary<string, int> FailedReads = new(StringComparer.Ordinal);

    public static async Task<int> RunAsync(string[] args)
    {
        // --db takes a PostgreSQL connection string (a fresh schema is made in that database and dropped at the end, unless
        // CLAIMCOMPARE_LOAD_KEEP_SCHEMA=1);
        // without it the store is a fresh SQLite file. Every other option is a positive integer.
        string? postgres = null;
        var at = Array.IndexOf(args, "--db");
        if (at >= 0)
        {
            if (at + 1 >= args.Length)
            {
                Console.Error.WriteLine("service-load: --db needs a PostgreSQL connection string");
                return 1;
            }

            postgres = args[at + 1];
            args = [.. args[..at], .. args[(at + 2)..]];
        }

        for (var i = 0; i < args.Length; i += 2)
        {
            if (Array.IndexOf(Options, args[i]) < 0 || i + 1 >= args.Length
                || !int.TryParse(args[i + 1], NumberStyles.None, CultureInfo.InvariantCulture, out var value) || value <= 0)
            {
                Console.Error.WriteLine($"service-load: bad argument '{args[i]}'; options (each with a positive integer): {string.Join(' ', Options)}, and --db CONNECTION-STRING");
                return 1;
            }
        }

        var instances = Math.Clamp(Option(args, "--instances", 1), 1, 8);
        if (instances > 1 && postgres is null)
        {
            Console.Error.WriteLine("service-load: several --instances share one database: give a PostgreSQL one with --db");
            return 1;
        }

        var targetPassages = Option(args, "--passages", 100_000);
        var maxArticles = Option(args, "--max-articles", 10_000);
        var maxSeconds = Option(args, "--max-seconds", 600);
        var clients = Math.Clamp(Option(args, "--clients", 8), 1, 64);
        var reads = Math.Clamp(Option(args, "--reads", 2_000), 1, 100_000);
        var storySize = Math.Clamp(Option(args, "--story-size", 25), 1, 1000);
        var storyPercent = Math.Clamp(Option(args, "--story-percent", 15), 1, 100);

        // Every request body exists before the server starts: generation is never on the clock.
        var generation = Stopwatch.StartNew();
        var stream = LoadArticles.Generate(maxArticles, storyPercent, storySize);
        var articles = stream.Articles;
        var storyArticles = articles.Count(a => a.IsStory);
        var storyKeys = articles.Where(a => a.IsStory).Select(a => a.StoryKey).Distinct(StringComparer.Ordinal).Count();
        var expectedPassages = articles.Sum(a => (long)a.ExpectedPassages);
        Print($"generated {articles.Count} request bodies in {generation.Elapsed.TotalSeconds:0.0} s (before the clock): {articles.Count - storyArticles} bulk (SyndicationCorpus), {storyArticles} story (StoryCorpus) under {storyKeys} story keys of up to {storySize}, {articles.Sum(a => (long)a.Body.Length) / 1e6:0.0} MB of JSON");
        Print($"generator's passages per article: bulk {Mean(articles.Where(a => !a.IsStory).Select(a => a.ExpectedPassages)):0.0}, story {Mean(articles.Where(a => a.IsStory).Select(a => a.ExpectedPassages)):0.0}, all {expectedPassages} ({(double)expectedPassages / articles.Count:0.0}/article)");
        if (expectedPassages < targetPassages)
        {
            Print($"warning: {maxArticles} articles hold about {expectedPassages} passages, fewer than the target {targetPassages}; raise --max-articles");
        }

        var directory = Path.Combine(Path.GetTempPath(), "claimcompare-load-" + Guid.NewGuid().ToString("N"));
        var schema = "load_" + Guid.NewGuid().ToString("N")[..12];
        var database = postgres is null
            ? Path.Combine(directory, "load.db")
            : new Npgsql.NpgsqlConnectionStringBuilder(postgres) { SearchPath = schema }.ConnectionString;
        if (postgres is not null)
        {
            await ExecutePostgresAsync(postgres, $"CREATE SCHEMA {schema}");
        }

        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(maxSeconds + 300));
        // Loopback only, ephemeral ports: the driver never listens on any other address. No analyzer override:
        // the server's own registration (CoreDocumentAnalyzer) is what is measured. Several instances are separate
        // hosts (each its own index, analyzer, pools and ingest lock) on one database, in this process.
        var apps = new List<Microsoft.AspNetCore.Builder.WebApplication>();
        for (var i = 0; i < instances; i++)
        {
            apps.Add(ServerHost.Build(
                [
                    $"--ClaimCompare:DatabasePath={database}",
                    $"--Auth:Keys:{Key}=admin:load-driver",
                    "--RateLimit:PermitLimit=10000000",
                    "--Serilog:MinimumLevel:Default=Warning",
                ],
                builder => builder.WebHost.UseUrls("http://127.0.0.1:0")));
        }

        var clientsOf = new List<HttpClient>();
        try
        {
            foreach (var app in apps)
            {
                await app.StartAsync(stop.Token);
                var address = app.Urls.Single();
                if (!address.StartsWith("http://127.0.0.1:", StringComparison.Ordinal))
                {
                    throw new InvalidOperationException($"refusing to run on {address}: loopback only");
                }

                var client = new HttpClient { BaseAddress = new Uri(address), Timeout = TimeSpan.FromSeconds(120) };
                client.DefaultRequestHeaders.Add("X-Api-Key", Key);
                clientsOf.Add(client);
            }

            // Reads go to the last instance: with two, one that also ingests, while ingests are dealt to all.
            var http = clientsOf[^1];
            Print($"server{(instances > 1 ? "s" : "")} on {string.Join(", ", apps.Select(a => a.Urls.Single()))}, database {(postgres is null ? database : "PostgreSQL schema " + schema)}");
            Print($"ingest: target {targetPassages} passages, at most {maxArticles} articles / {maxSeconds} s, {clients} clients over {instances} instance(s); progress every {targetPassages / 10} passages");

            // A reviewer polling the queue while ingest runs: read latency under write load.
            using var ingestDone = CancellationTokenSource.CreateLinkedTokenSource(stop.Token);
            var underLoad = Task.Run(() => PollQueueAsync(http, ingestDone.Token));
            var ingest = await IngestAsync(clientsOf, articles, targetPassages, TimeSpan.FromSeconds(maxSeconds), clients, stop.Token);
            await ingestDone.CancelAsync();
            var pollLatencies = await underLoad;

            var scanTimer = Stopwatch.StartNew();
            var queue = await ScanQueueAsync(http, stop.Token);
            var scanSeconds = scanTimer.Elapsed.TotalSeconds;
            var statusTotals = new Dictionary<string, int>(StringComparer.Ordinal);
            foreach (var status in Statuses)
            {
                var page = await http.GetFromJsonAsync<ReviewPage>($"/api/review?status={status}&pageSize=1", Json, stop.Token);
                statusTotals[status] = page!.Total;
            }

            var stories = await ScanStoriesAsync(http, stop.Token);
            var largest = queue.Count == 0 ? null : await DescribeAsync(http, queue.MaxBy(i => i.EvidenceCount)!.Id, stop.Token);
            var readLatencies = await ReadQueueAsync(http, queue, statusTotals["open"], reads, TimeSpan.FromSeconds(60), stop.Token);

            Report(ingest, stream, queue, scanSeconds, statusTotals, largest, stories, pollLatencies, readLatencies);
            return ingest.Failed == 0 && FailedReads.Count == 0 ? 0 : 1;
        }
        finally
        {
            foreach (var client in clientsOf)
            {
                client.Dispose();
            }

            foreach (var app in apps)
            {
                await app.StopAsync(CancellationToken.None);
                await app.DisposeAsync();
            }

            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            if (postgres is not null && Environment.GetEnvironmentVariable("CLAIMCOMPARE_LOAD_KEEP_SCHEMA") is "1")
            {
                // Kept for a start-up measurement on a filled database (startup.sh).
                Print($"schema kept: {schema}");
            }
            else if (postgres is not null)
            {
                Npgsql.NpgsqlConnection.ClearAllPools();
                await ExecutePostgresAsync(postgres, $"DROP SCHEMA {schema} CASCADE");
            }
            else
            {
                Directory.Delete(directory, recursive: true);
            }
        }
    }

    private static async Task ExecutePostgresAsync(string connectionString, string sql)
    {
        await using var connection = new Npgsql.NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new Npgsql.NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    private static void Report(
        IngestRun ingest,
        LoadStream stream,
        List<ReviewRow> queue,
        double scanSeconds,
        Dictionary<string, int> statusTotals,
        string? largest,
        List<StoryRow> stories,
        List<double> pollLatencies,
        List<(string Name, List<double> Latencies)> readLatencies)
    {
        var samples = ingest.Samples;
        var seconds = ingest.Elapsed.TotalSeconds;
        var half = seconds / 2;
        var firstHalf = samples.Where(s => s.EndSeconds < half).ToList();
        var lastHalf = samples.Where(s => s.EndSeconds >= half).ToList();
        var stored = samples.Where(s => s.Status == 201).ToList();

        Console.WriteLine();
        Print($"analysis: {ingest.Analysis}");
        Print($"ingested {samples.Count} articles ({samples.Count(s => !s.IsStory)} bulk, {samples.Count(s => s.IsStory)} story), {ingest.Passages} passages, {ingest.NearDuplicates} near-duplicate pairs in {seconds:0.0} s");
        Print($"HTTP statuses: {string.Join(", ", ingest.Statuses.OrderBy(p => p.Key).Select(p => $"{p.Key} x{p.Value}"))}{(ingest.Exceptions > 0 ? $", {ingest.Exceptions} requests failed without a response" : "")}");
        foreach (var error in ingest.Errors)
        {
            Print($"  error: {error}");
        }

        Print($"ingest throughput: {samples.Count / seconds:0.0} articles/s ({ingest.Passages / seconds:0} passages/s)");
        Print($"ingest throughput, first half of the run (0-{half:0} s): {firstHalf.Count / half:0.0} articles/s ({firstHalf.Sum(s => s.Passages) / half:0} passages/s)");
        Print($"ingest throughput, last half of the run ({half:0}-{seconds:0} s): {lastHalf.Count / half:0.0} articles/s ({lastHalf.Sum(s => s.Passages) / half:0} passages/s)");
        Print($"ingest latency: p50 {Percentile(samples, s => true, 0.50):0.0} ms, p99 {Percentile(samples, s => true, 0.99):0.0} ms (bulk p50 {Percentile(samples, s => !s.IsStory, 0.50):0.0} / p99 {Percentile(samples, s => !s.IsStory, 0.99):0.0} ms, story p50 {Percentile(samples, s => s.IsStory, 0.50):0.0} / p99 {Percentile(samples, s => s.IsStory, 0.99):0.0} ms)");
        Print($"ingest latency, last half of the run: p50 {Percentile(lastHalf, s => true, 0.50):0.0} ms, p99 {Percentile(lastHalf, s => true, 0.99):0.0} ms");
        Print($"findings returned by ingests: {ingest.Findings.Values.Sum()} ({Kinds(ingest.Findings, null)}); from bulk articles: {Kinds(ingest.Findings, false)}; from story articles: {Kinds(ingest.Findings, true)}");
        Print($"findings from bulk articles against the corpus truth: {BulkTruth(ingest, stream)}");
        foreach (var line in NearDuplicateTruth(ingest, stream))
        {
            Print($"{line}");
        }

        Print($"review items touched by ingests: {ingest.Created} created, evidence added to existing items {ingest.Updated} times; {stored.Count(s => s.Updated > 0)} articles added evidence");

        var byKind = queue.GroupBy(i => i.Kind, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
        var byStatus = queue.GroupBy(i => i.Status, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
        Print($"review items (GET /api/review, {queue.Count} read in {scanSeconds:0.0} s): {queue.Count} in {queue.Select(i => i.StoryId).Distinct().Count()} stories");
        Print($"review items by kind: {string.Join(", ", ReviewKinds.Concat(byKind.Keys.Except(ReviewKinds)).Select(k => $"{k} {byKind.GetValueOrDefault(k)}"))}");
        Print($"review items by status (?status= totals): {string.Join(", ", Statuses.Select(s => $"{s} {statusTotals[s]}"))}; from the listing: {string.Join(", ", byStatus.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"{p.Key} {p.Value}"))}");
        Print($"review evidence per item: mean {Mean(queue.Select(i => i.EvidenceCount)):0.0}, max {(queue.Count == 0 ? 0 : queue.Max(i => i.EvidenceCount))}; the largest: {largest ?? "none"}");
        var keyless = stories.Where(st => st.Key is null).Select(st => st.Documents).Order().ToList();
        var biggest = stories.Where(st => st.Key is null).MaxBy(st => st.Documents);
        Print($"stories (GET /api/stories): {stories.Count}, {stories.Count(st => st.Key is not null)} with a client key ({Mean(stories.Where(st => st.Key is not null).Select(st => st.Documents)):0.0} documents each); {keyless.Count} grouped by the server, documents per story median {(keyless.Count == 0 ? 0 : keyless[keyless.Count / 2])}, max {(biggest is null ? 0 : biggest.Documents)}{(biggest is null ? "" : $" (story {biggest.Id}, {biggest.Sources.Count} sources)")}");
        var perStory = queue.GroupBy(i => (i.StoryId, i.Kind)).ToList();
        Print($"review items per story and kind: {string.Join(", ", ReviewKinds.Select(k => $"{k} max {perStory.Where(g => g.Key.Kind == k).Select(g => g.Count()).DefaultIfEmpty().Max()}"))}");
        foreach (var kind in ReviewKinds)
        {
            if (perStory.Where(g => g.Key.Kind == kind).MaxBy(g => g.Count()) is { } most)
            {
                Print($"  story {most.Key.StoryId}'s {most.Count()} {kind} items: {string.Join(" | ", most.Take(6).Select(i => $"\"{i.Topic}\""))}{(most.Count() > 6 ? " | ..." : "")}");
            }
        }

        // One story, one kind, topics that differ only in the order of their " / " parts ("a / b" and "b / a"): one
        // finding seen from two sides, filed as two items.
        var mirrored = queue.GroupBy(i => (i.StoryId, i.Kind, Canonical(i.Topic))).Where(g => g.Count() > 1).ToList();
        Print($"review items whose topic differs from another item of the same story and kind only in the order of its \" / \" parts: {mirrored.Sum(g => g.Count())} items in {mirrored.Count} groups{(mirrored.Count > 0 ? $", e.g. {string.Join(" | ", mirrored[0].Select(i => $"{i.Id} \"{i.Topic}\""))}" : "")}");
        foreach (var line in ingest.Examples)
        {
            Print($"  example {line}");
        }

        Print($"GET /api/review?status=open during ingest: {pollLatencies.Count} reads, p50 {Percentile(pollLatencies, 0.50):0.00} ms, p99 {Percentile(pollLatencies, 0.99):0.00} ms");
        foreach (var (name, latencies) in readLatencies)
        {
            Print($"{name}: {latencies.Count} reads, p50 {Percentile(latencies, 0.50):0.00} ms, p99 {Percentile(latencies, 0.99):0.00} ms");
        }

        Print($"review reads that did not answer 2xx: {(FailedReads.Count == 0 ? "none" : string.Join(", ", FailedReads.Select(p => $"{p.Key} x{p.Value}")))}");
    }

    /// <summary>
    /// Each bulk finding's documents against SyndicationCorpus's truth: all copies of one original (the only kind of
    /// relation the corpus puts between bulk articles), or involving a bulk article unrelated to the new one, or a
    /// story article.
    /// </summary>
    private static string BulkTruth(IngestRun ingest, LoadStream stream)
    {
        var counts = new SortedDictionary<string, (int Copies, int Unrelated, int Story, int Unknown)>(StringComparer.Ordinal);
        var examples = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var (kind, newId, documents, example) in ingest.BulkFindings)
        {
            var (copies, unrelated, story, unknown) = counts.GetValueOrDefault(kind);
            var self = ingest.Ids[newId];
            var others = documents.Where(d => d != newId).Select(d => ingest.Ids.GetValueOrDefault(d)).ToList();
            if (others.Any(o => o is null))
            {
                unknown++;
            }
            else if (others.Any(o => o!.IsStory))
            {
                story++;
            }
            else if (others.All(o => stream.RelatedBulk.Contains((Math.Min(o!.CorpusIndex, self.CorpusIndex), Math.Max(o.CorpusIndex, self.CorpusIndex)))))
            {
                copies++;
            }
            else
            {
                unrelated++;
                examples.TryAdd(kind, example);
            }

            counts[kind] = (copies, unrelated, story, unknown);
        }

        return counts.Count == 0
            ? "none"
            : string.Join("; ", counts.Select(p => $"{p.Key} {p.Value.Copies} between copies of one original, {p.Value.Unrelated} with an unrelated bulk article{(p.Value.Story > 0 ? $", {p.Value.Story} with a story article" : "")}{(p.Value.Unknown > 0 ? $", {p.Value.Unknown} naming unknown documents" : "")}"))
                + string.Concat(examples.Select(p => $"\n  e.g. {p.Key} with an unrelated article: {p.Value}"));
    }

    private static string Canonical(string topic)
    {
        var colon = topic.IndexOf(':', StringComparison.Ordinal);
        var (head, tail) = colon < 0 ? ("", topic) : (topic[..colon], topic[(colon + 1)..]);
        return head + ":" + string.Join(" / ", tail.Split(" / ").Select(t => t.Trim()).Order(StringComparer.Ordinal));
    }

    private static string Kinds(Dictionary<(bool Story, string Kind), int> findings, bool? story)
    {
        var kinds = findings.Where(p => story is null || p.Key.Story == story)
            .GroupBy(p => p.Key.Kind, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Sum(p => p.Value), StringComparer.Ordinal);
        string[] order = ["conflict", "quote-variant", "role-conflict", "agree", "single-source"];
        return string.Join(", ", order.Concat(kinds.Keys.Except(order)).Select(k => $"{k} {kinds.GetValueOrDefault(k)}"));
    }

    private static readonly string[] MatchKinds = ["verbatim", "near-verbatim", "edited", "rewrite"];

    /// <summary>
    /// The near-duplicate pairs the ingests of bulk articles returned, against <see cref="SyndicationCorpus.TruePairs"/>
    /// restricted to bulk articles stored in this run. A server passage is mapped to the corpus passage with the same
    /// span and text (the corpus builds its passages itself; the server splits the same text with Core's pipeline),
    /// and every edge's spans and texts are checked against the corpus passages they map to.
    /// </summary>
    private static List<string> NearDuplicateTruth(IngestRun ingest, LoadStream stream)
    {
        var corpus = stream.Bulk;
        var documents = corpus.Documents;
        string PassageText((int Doc, int Passage) at) => documents[at.Doc].Passages[at.Passage].Text;

        // Stored bulk articles: server id -> corpus document, server passage index -> corpus passage index.
        var map = new Dictionary<string, (int Doc, Dictionary<int, int> Passages)>(StringComparer.Ordinal);
        var storyIds = new HashSet<string>(StringComparer.Ordinal);
        var position = new Dictionary<int, int>();
        // Corpus passages of stored articles that no server passage has the span of (the server split the text otherwise).
        var splitOtherwise = new HashSet<(int, int)>();
        int serverPassages = 0, unmappedPassages = 0, renumbered = 0, countDiffers = 0;
        string? unmappedPassage = null;
        foreach (var stored in ingest.Stored)
        {
            if (stored.Article.IsStory)
            {
                storyIds.Add(stored.Id);
                continue;
            }

            var document = documents[stored.Article.CorpusIndex];
            var bySpan = document.Passages.ToDictionary(p => (p.Start, p.End), p => p.Index);
            var passages = new Dictionary<int, int>();
            foreach (var passage in stored.Passages)
            {
                serverPassages++;
                if (bySpan.TryGetValue((passage.Start, passage.End), out var index) && string.Equals(document.Passages[index].Text, passage.Text, StringComparison.Ordinal))
                {
                    passages[passage.Index] = index;
                    renumbered += index == passage.Index ? 0 : 1;
                }
                else
                {
                    unmappedPassages++;
                    var covered = document.Passages.Where(p => p.Start < passage.End && p.End > passage.Start).ToList();
                    unmappedPassage ??= covered.Count == 0
                        ? $"{document.Id} server passage {passage.Index} [{passage.Start}, {passage.End}) \"{Short(passage.Text)}\""
                        : $"{document.Id} server passage {passage.Index} [{passage.Start}, {passage.End}) covers corpus passages {covered[0].Index} to {covered[^1].Index}, the first ending \"...{covered[0].Text[^Math.Min(30, covered[0].Text.Length)..]}\"";
                }
            }

            var spans = stored.Passages.Select(p => (p.Start, p.End)).ToHashSet();
            foreach (var passage in document.Passages.Where(p => !spans.Contains((p.Start, p.End))))
            {
                splitOtherwise.Add((stored.Article.CorpusIndex, passage.Index));
            }

            position[stored.Article.CorpusIndex] = stored.Article.Position;
            countDiffers += stored.Passages.Count == document.Passages.Count ? 0 : 1;
            map[stored.Id] = (stored.Article.CorpusIndex, passages);
        }

        string Name(string id) => map.TryGetValue(id, out var entry) ? documents[entry.Doc].Id : id;

        bool Map(string id, int passage, out (int Doc, int Passage) at)
        {
            at = default;
            if (!map.TryGetValue(id, out var entry) || !entry.Passages.TryGetValue(passage, out var index))
            {
                return false;
            }

            at = (entry.Doc, index);
            return true;
        }

        // Found pairs, unordered, once each (the first edge's kind and scores kept).
        var found = new Dictionary<(int, int, int, int), WireEdge>();
        int edges = 0, toStory = 0, unmapped = 0, spanMismatches = 0, verbatim = 0, verbatimDiffer = 0, repeated = 0, repeatedKindDiffers = 0;
        string? unmappedEdge = null, mismatch = null, verbatimExample = null;
        foreach (var stored in ingest.Stored.Where(s => !s.Article.IsStory))
        {
            foreach (var edge in stored.Edges)
            {
                edges++;
                if (storyIds.Contains(edge.OtherDocument))
                {
                    toStory++;
                    continue;
                }

                if (!string.Equals(edge.Document, stored.Id, StringComparison.Ordinal) || !Map(edge.Document, edge.Passage, out var a) || !Map(edge.OtherDocument, edge.OtherPassage, out var b))
                {
                    unmapped++;
                    unmappedEdge ??= $"{Name(edge.Document)} server passage {edge.Passage} - {Name(edge.OtherDocument)} server passage {edge.OtherPassage} ({edge.Kind})";
                    continue;
                }

                var (pa, pb) = (documents[a.Doc].Passages[a.Passage], documents[b.Doc].Passages[b.Passage]);
                if (pa.Start != edge.Start || pa.End != edge.End || !string.Equals(pa.Text, edge.Text, StringComparison.Ordinal)
                    || pb.Start != edge.OtherStart || pb.End != edge.OtherEnd || !string.Equals(pb.Text, edge.OtherText, StringComparison.Ordinal))
                {
                    spanMismatches++;
                    mismatch ??= $"{documents[a.Doc].Id}#{a.Passage} - {documents[b.Doc].Id}#{b.Passage}";
                }

                if (edge.Kind == "verbatim")
                {
                    verbatim++;
                    if (!string.Equals(pa.Text, pb.Text, StringComparison.Ordinal))
                    {
                        verbatimDiffer++;
                        verbatimExample ??= $"\"{Short(pa.Text)}\" | \"{Short(pb.Text)}\"";
                    }
                }

                if (!found.TryAdd(SyndicationCorpus.Order(a.Doc, a.Passage, b.Doc, b.Passage), edge))
                {
                    repeated++;
                    repeatedKindDiffers += found[SyndicationCorpus.Order(a.Doc, a.Passage, b.Doc, b.Passage)].Kind == edge.Kind ? 0 : 1;
                }
            }
        }

        var storyToBulk = ingest.Stored.Where(s => s.Article.IsStory).Sum(s => s.Edges.Count(e => map.ContainsKey(e.OtherDocument)));

        // The truth among the bulk articles stored in this run.
        var ingested = map.Values.Select(v => v.Doc).ToHashSet();
        var truth = new HashSet<(int, int, int, int)>();
        var truthPositions = new HashSet<(int, int)>();
        foreach (var (docA, passageA, docB, passageB) in corpus.TruePairs)
        {
            truthPositions.Add((docA, passageA));
            truthPositions.Add((docB, passageB));
            if (ingested.Contains(docA) && ingested.Contains(docB))
            {
                truth.Add((docA, passageA, docB, passageB));
            }
        }

        bool Exact((int DocA, int PassageA, int DocB, int PassageB) t) => string.Equals(PassageText((t.DocA, t.PassageA)), PassageText((t.DocB, t.PassageB)), StringComparison.Ordinal);

        // Sign-off lines: a text an outlet printed in 3 or more of its generated documents, at a position in no true pair.
        var perOutlet = new Dictionary<(string?, string), int>();
        foreach (var document in documents)
        {
            foreach (var text in document.Passages.Select(p => p.Text).Distinct(StringComparer.Ordinal))
            {
                perOutlet[(document.Outlet, text)] = perOutlet.GetValueOrDefault((document.Outlet, text)) + 1;
            }
        }

        var signOffTexts = new HashSet<string>(StringComparer.Ordinal);
        for (var d = 0; d < documents.Count; d++)
        {
            foreach (var passage in documents[d].Passages)
            {
                if (perOutlet[(documents[d].Outlet, passage.Text)] >= 3 && !truthPositions.Contains((d, passage.Index)))
                {
                    signOffTexts.Add(passage.Text);
                }
            }
        }

        bool SignOff((int Doc, int Passage) at) => signOffTexts.Contains(PassageText(at)) && !truthPositions.Contains(at);
        var truthWithSignOff = corpus.TruePairs.Count(t => signOffTexts.Contains(PassageText((t.DocA, t.PassageA))) || signOffTexts.Contains(PassageText((t.DocB, t.PassageB))));
        var truthWithoutSignOff = truth.Where(t => !signOffTexts.Contains(PassageText((t.Item1, t.Item2))) && !signOffTexts.Contains(PassageText((t.Item3, t.Item4)))).ToHashSet();

        var hits = found.Keys.Where(truth.Contains).ToHashSet();
        var lines = new List<string>();
        var inv = CultureInfo.InvariantCulture;
        string Ratio(int part, int whole) => whole == 0 ? "n/a" : ((double)part / whole).ToString("0.0000", inv);
        lines.Add(string.Create(inv, $"near-duplicate edges from bulk articles: {edges} ({toStory} to a story article, not scored; {storyToBulk} edges from story articles to bulk ones, not scored); mapped to corpus passages {edges - toStory - unmapped}, could not be mapped {unmapped}{(unmappedEdge is null ? "" : $" (e.g. {unmappedEdge})")}"));
        lines.Add(string.Create(inv, $"  mapping check: {serverPassages} server passages of {map.Count} stored bulk articles, {serverPassages - unmappedPassages} with the span and text of a corpus passage ({unmappedPassages} without{(unmappedPassage is null ? "" : $", e.g. {unmappedPassage}")}), {renumbered} with another index than the corpus's, {countDiffers} articles split into another number of passages; edges whose spans or texts differ from the mapped corpus passages {spanMismatches}{(mismatch is null ? "" : $" (e.g. {mismatch})")}; verbatim edges {verbatim}, of which with different passage texts {verbatimDiffer}{(verbatimExample is null ? "" : $" (e.g. {verbatimExample})")}"));
        lines.Add(string.Create(inv, $"near-duplicate pairs from bulk articles against TruePairs ({ingested.Count} bulk articles stored): {found.Count} pairs ({repeated} reported again, {repeatedKindDiffers} of them with another kind), {truth.Count} true pairs among the stored articles; precision {Ratio(hits.Count, found.Count)} ({hits.Count} of {found.Count}), recall {Ratio(hits.Count, truth.Count)} ({hits.Count} of {truth.Count})"));
        var byKind = found.GroupBy(p => p.Value.Kind, StringComparer.Ordinal).ToDictionary(g => g.Key, g => (All: g.Count(), True: g.Count(p => hits.Contains(p.Key))), StringComparer.Ordinal);
        lines.Add("  by the kind the server reported: " + string.Join(", ", MatchKinds.Concat(byKind.Keys.Except(MatchKinds).Order(StringComparer.Ordinal))
            .Select(k => string.Create(inv, $"{k} {byKind.GetValueOrDefault(k).All} (precision {Ratio(byKind.GetValueOrDefault(k).True, byKind.GetValueOrDefault(k).All)})"))));
        var exact = truth.Where(t => Exact(t)).ToList();
        var edited = truth.Where(t => !Exact(t)).ToList();
        lines.Add(string.Create(inv, $"  recall by true pair: exact copies (identical passage text) {Ratio(exact.Count(hits.Contains), exact.Count)} ({exact.Count(hits.Contains)} of {exact.Count}), edited (words substituted or a figure changed) {Ratio(edited.Count(hits.Contains), edited.Count)} ({edited.Count(hits.Contains)} of {edited.Count})"));

        // Passages joined by a chain of found pairs: the clusters the server's links form.
        var clusters = new Components(found.Keys);
        var joined = truth.Where(t => !hits.Contains(t) && clusters.Find((t.Item1, t.Item2)) == clusters.Find((t.Item3, t.Item4))).ToHashSet();
        lines.Add(string.Create(inv, $"  recall counting true pairs joined by a chain of found pairs (the server's clusters): {Ratio(hits.Count + joined.Count, truth.Count)} ({joined.Count} more)"));
        var signOffFound = found.Keys.Where(p => SignOff((p.Item1, p.Item2)) && SignOff((p.Item3, p.Item4))).ToHashSet();
        var hitsWithoutSignOff = hits.Count(truthWithoutSignOff.Contains);
        lines.Add(string.Create(inv, $"  sign-off lines ({signOffTexts.Count} texts, each printed by one outlet in 3+ of its documents): in {truthWithSignOff} of the corpus's {corpus.TruePairs.Count} true pairs, so recall without them is {Ratio(hitsWithoutSignOff, truthWithoutSignOff.Count)} ({hitsWithoutSignOff} of {truthWithoutSignOff.Count}); found pairs between two sign-off lines {signOffFound.Count} (false positives by the truth), precision without them {Ratio(hits.Count, found.Count - signOffFound.Count)}"));

        // False positives by what the two passages are; false negatives by what might explain them.
        var falsePositives = found.Keys.Where(p => !hits.Contains(p)).Order().ToList();
        string Category((int, int, int, int) p) =>
            signOffFound.Contains(p) ? "two sign-off lines"
            : p.Item1 == p.Item3 ? "one document"
            : stream.RelatedBulk.Contains((Math.Min(p.Item1, p.Item3), Math.Max(p.Item1, p.Item3))) ? "copies of one original, other sentences"
            : SignOff((p.Item1, p.Item2)) || SignOff((p.Item3, p.Item4)) ? "a sign-off line and another passage"
            : "unrelated articles";
        var fpCategories = falsePositives.GroupBy(Category).OrderByDescending(g => g.Count()).ToList();
        lines.Add(string.Create(inv, $"near-duplicate false positives: {falsePositives.Count} ({(falsePositives.Count == 0 ? "none" : string.Join(", ", fpCategories.Select(g => $"{g.Key} {g.Count()}")))})"));
        var linked = new Dictionary<(int, int), int>();
        foreach (var (docA, passageA, docB, passageB) in found.Keys)
        {
            linked[(docA, passageA)] = linked.GetValueOrDefault((docA, passageA)) + 1;
            linked[(docB, passageB)] = linked.GetValueOrDefault((docB, passageB)) + 1;
        }

        string Pair((int DocA, int PassageA, int DocB, int PassageB) p) =>
            $"{documents[p.DocA].Id}#{p.PassageA} ({documents[p.DocA].Outlet}) \"{Short(PassageText((p.DocA, p.PassageA)))}\" | {documents[p.DocB].Id}#{p.PassageB} ({documents[p.DocB].Outlet}) \"{Short(PassageText((p.DocB, p.PassageB)))}\"{Difference(PassageText((p.DocA, p.PassageA)), PassageText((p.DocB, p.PassageB)))}";
        foreach (var group in fpCategories)
        {
            foreach (var p in group.Take(group.Key == "two sign-off lines" ? 1 : 2))
            {
                var edge = found[p];
                lines.Add(string.Create(inv, $"  e.g. false positive, {group.Key}: {edge.Kind} (jaccard {edge.Jaccard:0.00}, containment {edge.Containment:0.00}, fuzzy {edge.Fuzzy:0.00}): {Pair(p)}"));
            }
        }

        // What might explain each miss. A sentence: the passages the true pairs connect among the stored articles.
        var truthComponents = new Components(truth);
        var sentences = truth.SelectMany(t => new[] { (t.Item1, t.Item2), (t.Item3, t.Item4) }).Distinct()
            .GroupBy(truthComponents.Find).ToDictionary(g => g.Key, g => g.Select(m => m.Item1).Distinct().ToList());
        var boilerplateMin = ClaimCompare.Core.Similarity.DedupOptions.Default.BoilerplateMinDocuments;
        string Reason((int DocA, int PassageA, int DocB, int PassageB) t)
        {
            if (splitOtherwise.Contains((t.DocA, t.PassageA)) || splitOtherwise.Contains((t.DocB, t.PassageB)))
            {
                return "a passage the server split otherwise";
            }

            // The boilerplate rule: the later article's outlet already printed the sentence in enough stored articles
            // (later by stream position: clients take articles in that order, 8 at a time).
            var later = position[t.DocA] > position[t.DocB] ? t.DocA : t.DocB;
            var printers = sentences[truthComponents.Find((t.DocA, t.PassageA))];
            if (printers.Count(d => d != later && position[d] < position[later]
                && string.Equals(documents[d].Outlet, documents[later].Outlet, StringComparison.Ordinal)) + 1 >= boilerplateMin)
            {
                return $"the later article's outlet printed the sentence in {boilerplateMin - 1}+ earlier articles (boilerplate rule)";
            }

            if (printers.Count > 1 + CoreAnalyzerMatchesPerPassage)
            {
                return $"a sentence printed in more than {1 + CoreAnalyzerMatchesPerPassage} stored articles";
            }

            return Exact(t) ? "other, exact copy" : "other, edited";
        }

        var falseNegatives = truth.Where(t => !hits.Contains(t)).Order().ToList();
        var reasons = falseNegatives.GroupBy(Reason).OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal).ToList();
        var neverLinked = falseNegatives.Count(t => !linked.ContainsKey((t.Item1, t.Item2)) && !linked.ContainsKey((t.Item3, t.Item4)));
        lines.Add(string.Create(inv, $"near-duplicate false negatives: {falseNegatives.Count} (exact copies {falseNegatives.Count(t => Exact(t))}, edited {falseNegatives.Count(t => !Exact(t))}; joined through other found pairs {joined.Count}; neither passage linked to anything {neverLinked}); by what may explain them: {(falseNegatives.Count == 0 ? "none" : string.Join(", ", reasons.Select(g => $"{g.Key} {g.Count()}")))}"));
        foreach (var group in reasons)
        {
            foreach (var p in group.Take(group.Key.StartsWith("other", StringComparison.Ordinal) ? 3 : 1))
            {
                lines.Add(string.Create(inv, $"  e.g. false negative, {group.Key}{(joined.Contains(p) ? ", joined through other pairs" : "")}, linked to {linked.GetValueOrDefault((p.Item1, p.Item2))} / {linked.GetValueOrDefault((p.Item3, p.Item4))} passages: {Pair(p)}"));
            }
        }

        return lines;
    }

    /// <summary>The server's <c>CoreDocumentAnalyzer.MaximumMatchesPerPassage</c>: stored copies linked to one new passage at most.</summary>
    private const int CoreAnalyzerMatchesPerPassage = ClaimCompare.Server.Analysis.CoreDocumentAnalyzer.MaximumMatchesPerPassage;

    /// <summary>A passage shortened for a report line.</summary>
    private static string Short(string text) => text.Length <= 100 ? text : text[..70] + " ... " + text[^25..];

    /// <summary>The words each of two passages has and the other does not (the first few), or nothing when the texts are identical.</summary>
    private static string Difference(string a, string b)
    {
        if (string.Equals(a, b, StringComparison.Ordinal))
        {
            return " (identical)";
        }

        var (wa, wb) = (a.Split(' ').ToHashSet(StringComparer.Ordinal), b.Split(' ').ToHashSet(StringComparer.Ordinal));
        var onlyA = a.Split(' ').Where(w => !wb.Contains(w)).ToList();
        var onlyB = b.Split(' ').Where(w => !wa.Contains(w)).ToList();
        return $" (words only in the first {onlyA.Count}: {string.Join(' ', onlyA.Take(5))}; only in the second {onlyB.Count}: {string.Join(' ', onlyB.Take(5))})";
    }

    /// <summary>Connected components of passages (document, passage) under a set of pairs: union-find with path halving.</summary>
    private sealed class Components
    {
        private readonly Dictionary<(int, int), (int, int)> _parent = [];

        public Components(IEnumerable<(int, int, int, int)> pairs)
        {
            foreach (var (docA, passageA, docB, passageB) in pairs)
            {
                var (a, b) = (Find((docA, passageA)), Find((docB, passageB)));
                if (a != b)
                {
                    _parent[a] = b;
                }
            }
        }

        public (int, int) Find((int, int) x)
        {
            while (_parent.TryGetValue(x, out var up) && up != x)
            {
                var grand = _parent.GetValueOrDefault(up, up);
                _parent[x] = grand;
                x = grand;
            }

            return x;
        }
    }

    private sealed record WirePassage(int Index, int Start, int End, string Text);

    private sealed record WireEdge(
        string Document, int Passage, int Start, int End, string Text, string OtherDocument, int OtherPassage, int OtherStart, int OtherEnd, string OtherText,
        string Kind, double Jaccard, double Containment, double Fuzzy);

    /// <summary>An article the server stored (not a duplicate submission): its id, passages and near-duplicates as answered.</summary>
    private sealed record StoredArticle(LoadArticle Article, string Id, List<WirePassage> Passages, List<WireEdge> Edges);

    private sealed record Sample(bool IsStory, double EndSeconds, double LatencyMs, int Status, int Passages, int Updated);

    private sealed class IngestRun
    {
        public List<Sample> Samples { get; } = [];

        public Dictionary<int, int> Statuses { get; } = [];

        public Dictionary<(bool Story, string Kind), int> Findings { get; } = [];

        public List<string> Errors { get; } = [];

        public List<string> Examples { get; } = [];

        /// <summary>Findings returned for bulk articles: kind, the new document's id, every evidence document.</summary>
        public List<(string Kind, string NewId, string[] Documents, string Example)> BulkFindings { get; } = [];

        /// <summary>Server document id to the article it came from.</summary>
        public Dictionary<string, LoadArticle> Ids { get; } = new(StringComparer.Ordinal);

        public HashSet<(bool, string)> ExampleKinds { get; } = [];

        /// <summary>Every article the server stored, with its passages and near-duplicates as the ingest answered them.</summary>
        public List<StoredArticle> Stored { get; } = [];

        public long Passages { get; set; }

        public long NearDuplicates { get; set; }

        public int Created { get; set; }

        public int Updated { get; set; }

        public int Exceptions { get; set; }

        public int Failed { get; set; }

        public string Analysis { get; set; } = "(no response)";

        public TimeSpan Elapsed { get; set; }
    }

    private static async Task<IngestRun> IngestAsync(
        List<HttpClient> instances, List<LoadArticle> articles, int targetPassages, TimeSpan budget, int clients, CancellationToken cancellationToken)
    {
        var run = new IngestRun();
        var next = -1;
        long passages = 0;
        var step = Math.Max(1, targetPassages / 10);
        var milestone = step;
        var (milestoneSeconds, milestoneArticles) = (0.0, 0);
        var sinceMilestone = new List<double>();
        var started = Stopwatch.StartNew();
        var workers = Enumerable.Range(0, clients).Select(worker => Task.Run(async () =>
        {
            // Clients are dealt to the instances in turn, as a round-robin load balancer would.
            var http = instances[worker % instances.Count];
            while (true)
            {
                var n = Interlocked.Increment(ref next);
                if (n >= articles.Count || Interlocked.Read(ref passages) >= targetPassages || started.Elapsed > budget)
                {
                    return;
                }

                var article = articles[n];
                using var content = new ByteArrayContent(article.Body);
                content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
                var t0 = Stopwatch.GetTimestamp();
                int status;
                byte[] body;
                try
                {
                    using var response = await http.PostAsync(new Uri("/api/documents", UriKind.Relative), content, cancellationToken);
                    body = await response.Content.ReadAsByteArrayAsync(cancellationToken);
                    status = (int)response.StatusCode;
                }
                catch (Exception e) when (e is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
                {
                    lock (run)
                    {
                        run.Exceptions++;
                        run.Failed++;
                        if (run.Errors.Count < 5)
                        {
                            run.Errors.Add($"article {n}: {e.GetType().Name}: {e.Message}");
                        }
                    }

                    continue;
                }

                var latency = Stopwatch.GetElapsedTime(t0).TotalMilliseconds;
                var end = started.Elapsed.TotalSeconds;
                var parsed = status is 200 or 201 ? Parse(body) : null;
                lock (run)
                {
                    run.Statuses[status] = run.Statuses.GetValueOrDefault(status) + 1;
                    if (parsed is null)
                    {
                        run.Failed++;
                        if (run.Errors.Count < 5)
                        {
                            run.Errors.Add($"article {n} ({(article.IsStory ? "story" : "bulk")}): {status} {Encoding.UTF8.GetString(body, 0, Math.Min(body.Length, 400))}");
                        }

                        continue;
                    }

                    if (run.Samples.Count == 0)
                    {
                        run.Analysis = parsed.Analysis;
                    }

                    run.Ids[parsed.Id] = article;
                    if (!parsed.Duplicate)
                    {
                        run.Stored.Add(new StoredArticle(article, parsed.Id, parsed.PassageList, parsed.Edges));
                    }

                    var newPassages = parsed.Duplicate ? 0 : parsed.Passages;
                    run.Samples.Add(new Sample(article.IsStory, end, latency, status, newPassages, parsed.Updated));
                    run.Passages += newPassages;
                    run.NearDuplicates += parsed.NearDuplicates;
                    run.Created += parsed.Created;
                    run.Updated += parsed.Updated;
                    foreach (var (kind, example, documents) in parsed.Findings)
                    {
                        if (!article.IsStory)
                        {
                            run.BulkFindings.Add((kind, parsed.Id, documents, example));
                        }

                        run.Findings[(article.IsStory, kind)] = run.Findings.GetValueOrDefault((article.IsStory, kind)) + 1;
                        if (run.ExampleKinds.Add((article.IsStory, kind)))
                        {
                            run.Examples.Add($"{(article.IsStory ? "story" : "bulk")} {kind}: {example}");
                        }
                    }

                    sinceMilestone.Add(latency);
                    Interlocked.Exchange(ref passages, run.Passages);
                    if (run.Passages >= milestone)
                    {
                        var interval = end - milestoneSeconds;
                        Print($"  {run.Passages,7} passages, {run.Samples.Count,5} articles, {end,6:0.0} s; since the last line {(run.Samples.Count - milestoneArticles) / interval,5:0.0} articles/s, latency p50 {Percentile(sinceMilestone, 0.5):0} ms, p99 {Percentile(sinceMilestone, 0.99):0} ms");
                        (milestoneSeconds, milestoneArticles) = (end, run.Samples.Count);
                        sinceMilestone.Clear();
                        while (milestone <= run.Passages)
                        {
                            milestone += step;
                        }
                    }
                }
            }
        }, cancellationToken)).ToList();
        await Task.WhenAll(workers);
        started.Stop();
        run.Elapsed = started.Elapsed;
        return run;
    }

    private sealed record Ingested(
        string Id, bool Duplicate, int Passages, int NearDuplicates, List<(string Kind, string Example, string[] Documents)> Findings, int Created, int Updated, string Analysis,
        List<WirePassage> PassageList, List<WireEdge> Edges);

    /// <summary>Reads what the driver reports from an ingest response; null when it is not the documented shape.</summary>
    private static Ingested? Parse(byte[] body)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            var root = document.RootElement;
            var findings = new List<(string, string, string[])>();
            foreach (var finding in root.GetProperty("findings").EnumerateArray())
            {
                var claims = finding.GetProperty("evidence").EnumerateArray()
                    .Select(e => e.GetProperty("claim").GetProperty("text").GetString())
                    .Distinct(StringComparer.Ordinal).Take(4);
                var example = $"\"{finding.GetProperty("topic").GetString()}\": {string.Join(" | ", claims)} ({finding.GetProperty("evidence").GetArrayLength()} evidence, confidence {finding.GetProperty("confidence").GetDouble():0.00})";
                var documents = finding.GetProperty("evidence").EnumerateArray()
                    .Select(e => e.GetProperty("document").GetString() ?? "").Distinct(StringComparer.Ordinal).ToArray();
                findings.Add((finding.GetProperty("kind").GetString() ?? "?", example, documents));
            }

            var passages = root.GetProperty("passages").EnumerateArray()
                .Select(p => new WirePassage(p.GetProperty("index").GetInt32(), p.GetProperty("start").GetInt32(), p.GetProperty("end").GetInt32(), p.GetProperty("text").GetString() ?? ""))
                .ToList();
            var edges = new List<WireEdge>();
            foreach (var edge in root.GetProperty("nearDuplicates").EnumerateArray())
            {
                var (span, other) = (edge.GetProperty("span"), edge.GetProperty("otherSpan"));
                edges.Add(new WireEdge(
                    edge.GetProperty("document").GetString() ?? "", edge.GetProperty("passage").GetInt32(),
                    span.GetProperty("start").GetInt32(), span.GetProperty("end").GetInt32(), span.GetProperty("text").GetString() ?? "",
                    edge.GetProperty("otherDocument").GetString() ?? "", edge.GetProperty("otherPassage").GetInt32(),
                    other.GetProperty("start").GetInt32(), other.GetProperty("end").GetInt32(), other.GetProperty("text").GetString() ?? "",
                    edge.GetProperty("kind").GetString() ?? "?", edge.GetProperty("jaccard").GetDouble(), edge.GetProperty("containment").GetDouble(), edge.GetProperty("fuzzy").GetDouble()));
            }

            var analysis = root.GetProperty("analysis");
            var touched = root.GetProperty("reviewItems");
            return new Ingested(
                root.GetProperty("id").GetString() ?? "",
                root.GetProperty("duplicate").GetBoolean(),
                root.GetProperty("passages").GetArrayLength(),
                root.GetProperty("nearDuplicates").GetArrayLength(),
                findings,
                touched.GetProperty("created").GetArrayLength(),
                touched.GetProperty("updated").GetArrayLength(),
                $"passages {analysis.GetProperty("passages")}, near-duplicates {analysis.GetProperty("nearDuplicates")}, claims {analysis.GetProperty("claims")}",
                passages,
                edges);
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException)
        {
            return null;
        }
    }

    private static async Task<List<double>> PollQueueAsync(HttpClient http, CancellationToken cancellationToken)
    {
        var latencies = new List<double>();
        try
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                var t0 = Stopwatch.GetTimestamp();
                using var response = await http.GetAsync(new Uri("/api/review?status=open&pageSize=50", UriKind.Relative), cancellationToken);
                await response.Content.ReadAsByteArrayAsync(cancellationToken);
                latencies.Add(Stopwatch.GetElapsedTime(t0).TotalMilliseconds);
                CountFailure(response, "GET /api/review?status=open during ingest");
                await Task.Delay(20, cancellationToken);
            }
        }
        catch (OperationCanceledException)
        {
        }

        return latencies;
    }

    private sealed record ReviewPage(List<ReviewRow> Items, int Page, int PageSize, int Total);

    private sealed record ReviewRow(long Id, long StoryId, string Kind, string Topic, string Status, int EvidenceCount);

    /// <summary>The whole review queue, page by page (the largest page the server allows).</summary>
    private static async Task<List<ReviewRow>> ScanQueueAsync(HttpClient http, CancellationToken cancellationToken)
    {
        var items = new List<ReviewRow>();
        for (var page = 1; ; page++)
        {
            var result = await http.GetFromJsonAsync<ReviewPage>($"/api/review?page={page}&pageSize=200", Json, cancellationToken);
            items.AddRange(result!.Items);
            if (result.Items.Count == 0 || items.Count >= result.Total)
            {
                return items;
            }
        }
    }

    private sealed record StoryRow(long Id, string? Key, int Documents, List<string> Sources);

    private sealed record StoryPage(List<StoryRow> Items, int Total);

    /// <summary>Every story, page by page.</summary>
    private static async Task<List<StoryRow>> ScanStoriesAsync(HttpClient http, CancellationToken cancellationToken)
    {
        var stories = new List<StoryRow>();
        for (var page = 1; ; page++)
        {
            var result = await http.GetFromJsonAsync<StoryPage>($"/api/stories?page={page}&pageSize=200", Json, cancellationToken);
            stories.AddRange(result!.Items);
            if (result.Items.Count == 0 || stories.Count >= result.Total)
            {
                return stories;
            }
        }
    }

    /// <summary>One item as a reviewer sees it: kind, topic, evidence from how many documents, audit entries.</summary>
    private static async Task<string> DescribeAsync(HttpClient http, long id, CancellationToken cancellationToken)
    {
        using var document = JsonDocument.Parse(await http.GetByteArrayAsync(new Uri($"/api/review/{id}", UriKind.Relative), cancellationToken));
        var root = document.RootElement;
        var item = root.GetProperty("item");
        var evidence = root.GetProperty("evidence");
        var documents = evidence.EnumerateArray().Select(e => e.GetProperty("document").GetString()!).Distinct(StringComparer.Ordinal).ToList();
        var story = item.GetProperty("storyId").GetInt64();
        var elsewhere = 0;
        foreach (var member in documents)
        {
            // The story each evidence document was stored in: an item is keyed by one story.
            using var stored = JsonDocument.Parse(await http.GetByteArrayAsync(new Uri($"/api/documents/{member}", UriKind.Relative), cancellationToken));
            elsewhere += stored.RootElement.GetProperty("storyId").GetInt64() == story ? 0 : 1;
        }

        var claims = evidence.EnumerateArray().Select(e => e.GetProperty("evidence").GetProperty("claim").GetProperty("text").GetString())
            .Distinct(StringComparer.Ordinal).Take(5);
        return string.Create(CultureInfo.InvariantCulture,
            $"item {id} ({item.GetProperty("kind").GetString()}, story {story}) \"{item.GetProperty("topic").GetString()}\": {evidence.GetArrayLength()} evidence from {documents.Count} documents ({elsewhere} of them stored in other stories), {root.GetProperty("audit").GetArrayLength()} audit entries; claims {string.Join(" | ", claims)}");
    }

    private static async Task<List<(string Name, List<double> Latencies)>> ReadQueueAsync(
        HttpClient http, List<ReviewRow> queue, int open, int reads, TimeSpan budget, CancellationToken cancellationToken)
    {
        var stories = queue.Select(i => i.StoryId).Distinct().ToArray();
        var random = new Random(7);
        var list = new List<double>();
        var filtered = new List<double>();
        var single = new List<double>();
        var started = Stopwatch.StartNew();
        for (var i = 0; i < reads && started.Elapsed < budget && queue.Count > 0; i++)
        {
            // Mix of what a reviewer's screen asks for: a page of the open queue, a story's items, one item.
            var (uri, sink) = (i % 3) switch
            {
                0 => ($"/api/review?status=open&page={1 + random.Next(Math.Max(1, (open + 49) / 50))}&pageSize=50", list),
                1 => ($"/api/review?story={stories[random.Next(stories.Length)]}&pageSize=50", filtered),
                _ => ($"/api/review/{queue[random.Next(queue.Count)].Id}", single),
            };
            var t0 = Stopwatch.GetTimestamp();
            using var response = await http.GetAsync(new Uri(uri, UriKind.Relative), cancellationToken);
            await response.Content.ReadAsByteArrayAsync(cancellationToken);
            sink.Add(Stopwatch.GetElapsedTime(t0).TotalMilliseconds);
            CountFailure(response, uri.Split('?')[0]);
        }

        return [("GET /api/review?status=open (page of 50)", list), ("GET /api/review?story= (page of 50)", filtered), ("GET /api/review/{id}", single)];
    }

    private static void CountFailure(HttpResponseMessage response, string route)
    {
        if (!response.IsSuccessStatusCode)
        {
            lock (FailedReads)
            {
                var key = $"{(int)response.StatusCode} {route}";
                FailedReads[key] = FailedReads.GetValueOrDefault(key) + 1;
            }
        }
    }

    private static double Percentile(List<Sample> samples, Func<Sample, bool> where, double p) =>
        Percentile(samples.Where(where).Select(s => s.LatencyMs).ToList(), p);

    private static double Percentile(List<double> values, double p)
    {
        if (values.Count == 0)
        {
            return double.NaN;
        }

        var sorted = values.Order().ToArray();
        return sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(p * sorted.Length) - 1)];
    }

    private static double Mean(IEnumerable<int> values)
    {
        var list = values.ToList();
        return list.Count == 0 ? 0 : list.Average();
    }

    private static void Print(FormattableString line) => Console.WriteLine(line.ToString(CultureInfo.InvariantCulture));

    private static int Option(string[] args, string name, int fallback)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length && int.TryParse(args[i + 1], NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value > 0
            ? value
            : fallback;
    }
}
