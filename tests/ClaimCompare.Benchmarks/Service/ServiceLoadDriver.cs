using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
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
/// HTTP statuses; findings returned by ingests by kind; review items by kind and status from <c>GET /api/review</c>;
/// and read latency of the queue during ingest and afterwards. Only the HTTP API is used, with an admin key.
/// </para>
/// <para>
/// Usage: <c>dotnet run -c Release --project tests/ClaimCompare.Benchmarks -- service-load [--passages 100000]
/// [--max-articles 10000] [--max-seconds 600] [--clients 8] [--reads 2000] [--story-size 25] [--story-percent 15]</c>.
/// </para>
/// </remarks>
internal static class ServiceLoadDriver
{
    private const string Key = "load-driver-admin-key-000000001";

    private static readonly string[] Options = ["--passages", "--max-articles", "--max-seconds", "--clients", "--reads", "--story-size", "--story-percent"];

    private static readonly string[] ReviewKinds = ["conflict", "quote-variant", "role-conflict"];

    private static readonly string[] Statuses = ["open", "in-progress", "confirmed", "dismissed", "needs-info"];

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>Review-queue reads that did not answer 2xx: status and route, counted rather than thrown.</summary>
    private static readonly Dictionary<string, int> FailedReads = new(StringComparer.Ordinal);

    public static async Task<int> RunAsync(string[] args)
    {
        for (var i = 0; i < args.Length; i += 2)
        {
            if (Array.IndexOf(Options, args[i]) < 0 || i + 1 >= args.Length
                || !int.TryParse(args[i + 1], NumberStyles.None, CultureInfo.InvariantCulture, out var value) || value <= 0)
            {
                Console.Error.WriteLine($"service-load: bad argument '{args[i]}'; options (each with a positive integer): {string.Join(' ', Options)}");
                return 1;
            }
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
        var database = Path.Combine(directory, "load.db");
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(maxSeconds + 300));
        // Loopback only, ephemeral port: the driver never listens on any other address. No analyzer override:
        // the server's own registration (CoreDocumentAnalyzer) is what is measured.
        var app = ServerHost.Build(
            [
                $"--ClaimCompare:DatabasePath={database}",
                $"--Auth:Keys:{Key}=admin:load-driver",
                "--RateLimit:PermitLimit=10000000",
                "--Serilog:MinimumLevel:Default=Warning",
            ],
            builder => builder.WebHost.UseUrls("http://127.0.0.1:0"));
        try
        {
            await app.StartAsync(stop.Token);
            var address = app.Urls.Single();
            if (!address.StartsWith("http://127.0.0.1:", StringComparison.Ordinal))
            {
                throw new InvalidOperationException($"refusing to run on {address}: loopback only");
            }

            using var http = new HttpClient { BaseAddress = new Uri(address), Timeout = TimeSpan.FromSeconds(120) };
            http.DefaultRequestHeaders.Add("X-Api-Key", Key);
            Print($"server on {address}, database {database}");
            Print($"ingest: target {targetPassages} passages, at most {maxArticles} articles / {maxSeconds} s, {clients} clients; progress every {targetPassages / 10} passages");

            // A reviewer polling the queue while ingest runs: read latency under write load.
            using var ingestDone = CancellationTokenSource.CreateLinkedTokenSource(stop.Token);
            var underLoad = Task.Run(() => PollQueueAsync(http, ingestDone.Token));
            var ingest = await IngestAsync(http, articles, targetPassages, TimeSpan.FromSeconds(maxSeconds), clients, stop.Token);
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
            await app.StopAsync(CancellationToken.None);
            await app.DisposeAsync();
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(directory, recursive: true);
        }
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
        HttpClient http, List<LoadArticle> articles, int targetPassages, TimeSpan budget, int clients, CancellationToken cancellationToken)
    {
        var run = new IngestRun();
        var next = -1;
        long passages = 0;
        var step = Math.Max(1, targetPassages / 10);
        var milestone = step;
        var (milestoneSeconds, milestoneArticles) = (0.0, 0);
        var sinceMilestone = new List<double>();
        var started = Stopwatch.StartNew();
        var workers = Enumerable.Range(0, clients).Select(_ => Task.Run(async () =>
        {
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

    private sealed record Ingested(string Id, bool Duplicate, int Passages, int NearDuplicates, List<(string Kind, string Example, string[] Documents)> Findings, int Created, int Updated, string Analysis);

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
                $"passages {analysis.GetProperty("passages")}, near-duplicates {analysis.GetProperty("nearDuplicates")}, claims {analysis.GetProperty("claims")}");
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
