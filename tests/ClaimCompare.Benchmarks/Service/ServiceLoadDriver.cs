using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text;
using ClaimCompare.Core.Comparison;
using ClaimCompare.Core.Text;
using ClaimCompare.Server.Analysis;
using ClaimCompare.Server.Hosting;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace ClaimCompare.Benchmarks.Service;

/// <summary>
/// A bounded load test of the service: starts it in-process on 127.0.0.1 only, ingests synthetic
/// articles until the store holds the target number of passages (or a count or time bound is hit),
/// then measures review-queue read latency. Stops by itself and deletes its database.
/// </summary>
/// <remarks>
/// Usage: <c>dotnet run -c Release --project tests/ClaimCompare.Benchmarks -- service-load
/// [--passages 100000] [--max-articles 4000] [--max-seconds 300] [--clients 8] [--reads 2000] [--story-size 10]</c>.
/// The claim aligner has not landed, so the driver plugs in a load-only analyzer decorator that adds one
/// synthetic conflict per article (clearly not a real finding) to fill the review queue it measures.
/// </remarks>
internal static class ServiceLoadDriver
{
    private const string Key = "load-driver-admin-key-000000001";

    public static async Task<int> RunAsync(string[] args)
    {
        var targetPassages = Option(args, "--passages", 100_000);
        var maxArticles = Option(args, "--max-articles", 4_000);
        var maxSeconds = Option(args, "--max-seconds", 300);
        var clients = Math.Clamp(Option(args, "--clients", 8), 1, 64);
        var reads = Math.Clamp(Option(args, "--reads", 2_000), 1, 100_000);
        SyntheticArticles.StorySize = Math.Clamp(Option(args, "--story-size", 10), 1, 1000);

        var directory = Path.Combine(Path.GetTempPath(), "claimcompare-load-" + Guid.NewGuid().ToString("N"));
        var database = Path.Combine(directory, "load.db");
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(maxSeconds + 120));
        // Loopback only, ephemeral port: the driver never listens on any other address.
        var app = ServerHost.Build(
            [
                $"--ClaimCompare:DatabasePath={database}",
                $"--Auth:Keys:{Key}=admin:load-driver",
                "--RateLimit:PermitLimit=10000000",
                "--Serilog:MinimumLevel:Default=Warning",
            ],
            builder =>
            {
                builder.WebHost.UseUrls("http://127.0.0.1:0");
                builder.Services.AddSingleton<CoreDocumentAnalyzer>();
                builder.Services.AddSingleton<IDocumentAnalyzer>(p => new SyntheticConflictAnalyzer(p.GetRequiredService<CoreDocumentAnalyzer>()));
            });
        try
        {
            await app.StartAsync(stop.Token);
            var address = app.Urls.Single();
            if (!address.StartsWith("http://127.0.0.1:", StringComparison.Ordinal))
            {
                throw new InvalidOperationException($"refusing to run on {address}: loopback only");
            }

            using var http = new HttpClient { BaseAddress = new Uri(address), Timeout = TimeSpan.FromSeconds(60) };
            http.DefaultRequestHeaders.Add("X-Api-Key", Key);
            Console.WriteLine($"server on {address}, database {database}");
            Console.WriteLine($"ingest: target {targetPassages} passages, at most {maxArticles} articles / {maxSeconds} s, {clients} clients");

            // A reviewer polling the queue while ingest runs: read latency under write load.
            using var ingestDone = CancellationTokenSource.CreateLinkedTokenSource(stop.Token);
            var underLoad = Task.Run(() => PollQueueAsync(http, ingestDone.Token));
            var ingest = await IngestAsync(http, targetPassages, maxArticles, TimeSpan.FromSeconds(maxSeconds), clients, stop.Token);
            await ingestDone.CancelAsync();
            var pollLatencies = await underLoad;
            var readBudget = TimeSpan.FromSeconds(60);
            var queue = await ReadQueueAsync(http, reads, readBudget, stop.Token);

            Console.WriteLine();
            Console.WriteLine($"ingested {ingest.Articles} articles, {ingest.Passages} passages, {ingest.NearDuplicates} near-duplicate pairs in {ingest.Elapsed.TotalSeconds:0.0} s");
            Console.WriteLine($"ingest throughput: {ingest.Articles / ingest.Elapsed.TotalSeconds:0.0} articles/s ({ingest.Passages / ingest.Elapsed.TotalSeconds:0} passages/s)");
            Console.WriteLine($"ingest latency: p50 {Percentile(ingest.Latencies, 0.50):0.0} ms, p99 {Percentile(ingest.Latencies, 0.99):0.0} ms");
            Console.WriteLine($"review items: {queue.Items}");
            Console.WriteLine($"GET /api/review?status=open during ingest: {pollLatencies.Count} reads, p50 {Percentile(pollLatencies, 0.50):0.00} ms, p99 {Percentile(pollLatencies, 0.99):0.00} ms");
            foreach (var (name, latencies) in queue.Latencies)
            {
                Console.WriteLine($"{name}: {latencies.Count} reads, p50 {Percentile(latencies, 0.50):0.00} ms, p99 {Percentile(latencies, 0.99):0.00} ms");
            }

            return 0;
        }
        finally
        {
            await app.StopAsync(CancellationToken.None);
            await app.DisposeAsync();
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(directory, recursive: true);
        }
    }

    private sealed record IngestFigures(int Articles, long Passages, long NearDuplicates, TimeSpan Elapsed, List<double> Latencies);

    private static async Task<IngestFigures> IngestAsync(
        HttpClient http, int targetPassages, int maxArticles, TimeSpan budget, int clients, CancellationToken cancellationToken)
    {
        var next = -1;
        long passages = 0;
        long nearDuplicates = 0;
        var latencies = new List<double>();
        var started = Stopwatch.StartNew();
        var workers = Enumerable.Range(0, clients).Select(_ => Task.Run(async () =>
        {
            while (true)
            {
                var n = Interlocked.Increment(ref next);
                if (n >= maxArticles || Interlocked.Read(ref passages) >= targetPassages || started.Elapsed > budget)
                {
                    return;
                }

                var t0 = Stopwatch.GetTimestamp();
                using var response = await http.PostAsJsonAsync("/api/documents", SyntheticArticles.Create(n), cancellationToken);
                var elapsed = Stopwatch.GetElapsedTime(t0).TotalMilliseconds;
                response.EnsureSuccessStatusCode();
                var body = await response.Content.ReadFromJsonAsync<IngestBody>(cancellationToken);
                Interlocked.Add(ref passages, body!.Passages.Count);
                Interlocked.Add(ref nearDuplicates, body.NearDuplicates.Count);
                lock (latencies)
                {
                    latencies.Add(elapsed);
                }
            }
        }, cancellationToken)).ToList();
        await Task.WhenAll(workers);
        started.Stop();
        return new IngestFigures(latencies.Count, passages, nearDuplicates, started.Elapsed, latencies);
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
                response.EnsureSuccessStatusCode();
                await Task.Delay(20, cancellationToken);
            }
        }
        catch (OperationCanceledException)
        {
        }

        return latencies;
    }

    private sealed record IngestBody(List<object> Passages, List<object> NearDuplicates);

    private sealed record ReviewPage(List<ReviewRow> Items, int Total);

    private sealed record ReviewRow(long Id, long StoryId);

    private static async Task<(int Items, List<(string Name, List<double> Latencies)> Latencies)> ReadQueueAsync(
        HttpClient http, int reads, TimeSpan budget, CancellationToken cancellationToken)
    {
        var first = await http.GetFromJsonAsync<ReviewPage>("/api/review?pageSize=200", cancellationToken);
        var total = first!.Total;
        var stories = first.Items.Select(i => i.StoryId).Distinct().ToArray();
        var random = new Random(7);
        var list = new List<double>();
        var filtered = new List<double>();
        var single = new List<double>();
        var started = Stopwatch.StartNew();
        for (var i = 0; i < reads && started.Elapsed < budget; i++)
        {
            // Mix of what a reviewer's screen asks for: a page of the open queue, a story's items, one item.
            var (uri, sink) = (i % 3) switch
            {
                0 => ($"/api/review?status=open&page={1 + random.Next(Math.Max(1, total / 50))}&pageSize=50", list),
                1 => ($"/api/review?story={stories[random.Next(stories.Length)]}&pageSize=50", filtered),
                _ => ($"/api/review/{1 + random.Next(total)}", single),
            };
            var t0 = Stopwatch.GetTimestamp();
            using var response = await http.GetAsync(new Uri(uri, UriKind.Relative), cancellationToken);
            await response.Content.ReadAsByteArrayAsync(cancellationToken);
            sink.Add(Stopwatch.GetElapsedTime(t0).TotalMilliseconds);
            response.EnsureSuccessStatusCode();
        }

        return (total, [("GET /api/review?status=open (page of 50)", list), ("GET /api/review?story= (page of 50)", filtered), ("GET /api/review/{id}", single)]);
    }

    private static double Percentile(List<double> values, double p)
    {
        if (values.Count == 0)
        {
            return double.NaN;
        }

        var sorted = values.Order().ToArray();
        return sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(p * sorted.Length) - 1)];
    }

    private static int Option(string[] args, string name, int fallback)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length && int.TryParse(args[i + 1], NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value > 0
            ? value
            : fallback;
    }
}

/// <summary>Deterministic synthetic articles: ~35 sentences, one in ten drawn from a shared wire pool.</summary>
internal static class SyntheticArticles
{
    private static readonly string[] Syllables = ["ka", "lo", "mi", "ne", "ru", "sa", "ti", "vo", "de", "pa", "gri", "stan", "bel", "mor", "fen", "qua"];

    // A vocabulary of 4,352 pseudo-words: random sentences over it share almost no word 3-grams, as real
    // unrelated sentences do, so near-duplicates come from the wire pool only.
    private static readonly string[] Words =
    [
        .. Syllables.SelectMany(a => Syllables.Select(b => a + b)),
        .. Syllables.SelectMany(a => Syllables.SelectMany(b => Syllables.Select(c => a + b + c))),
    ];

    private const int WirePool = 5_000;

    /// <summary>Articles per client story key.</summary>
    public static int StorySize { get; set; } = 10;

    public static object Create(int n)
    {
        var random = new XorShift((ulong)n * 0x9E3779B97F4A7C15UL + 1);
        var text = new StringBuilder(8 * 1024);
        // A headline of its own: a headline shared by every article would (rightly) link them all.
        var headline = Sentence(random);
        text.Append(headline.AsSpan(0, headline.Length - 1)).Append("\n\n");
        for (var s = 0; s < 34; s++)
        {
            var sentence = random.Next(10) == 0 ? Sentence(new XorShift(((ulong)random.Next(WirePool) + 17) * 0x9E3779B97F4A7C15UL)) : Sentence(random);
            text.Append(sentence).Append(s % 4 == 3 ? "\n\n" : " ");
        }

        return new
        {
            source = "Outlet " + (n % 12).ToString(CultureInfo.InvariantCulture),
            url = $"https://outlet{n % 12}.example/articles/{n}",
            published = new DateTimeOffset(2022, 1, 1, 0, 0, 0, TimeSpan.Zero).AddMinutes(n * 7),
            title = $"Report {n}",
            text = text.ToString(),
            story = "story-" + (n / StorySize).ToString(CultureInfo.InvariantCulture),
        };
    }

    private static string Sentence(XorShift random)
    {
        var length = 10 + random.Next(14);
        var builder = new StringBuilder();
        for (var w = 0; w < length; w++)
        {
            var word = Words[random.Next(Words.Length)];
            builder.Append(w == 0 ? char.ToUpperInvariant(word[0]) + word[1..] : word);
            if (w == length / 2)
            {
                builder.Append(' ').Append(random.Next(100_000).ToString(CultureInfo.InvariantCulture));
            }

            builder.Append(w == length - 1 ? "." : " ");
        }

        return builder.ToString();
    }

    /// <summary>A stable generator: <see cref="Random"/> with a seed is not promised stable across .NET versions.</summary>
    private sealed class XorShift(ulong seed)
    {
        private ulong _state = seed == 0 ? 0x2545F4914F6CDD1DUL : seed;

        public int Next(int bound)
        {
            _state ^= _state << 13;
            _state ^= _state >> 7;
            _state ^= _state << 17;
            return (int)(_state % (ulong)bound);
        }
    }
}

/// <summary>
/// Load-only decorator: the real analysis plus one synthetic conflict per article on its first sentence,
/// with a topic shared by a few articles of its story, so the review queue has realistic size and attach traffic.
/// </summary>
internal sealed class SyntheticConflictAnalyzer(IDocumentAnalyzer inner) : IDocumentAnalyzer
{
    public AnalyzerCapabilities Capabilities => inner.Capabilities with { Claims = "synthetic-load-findings" };

    public async Task<IngestAnalysis> AnalyzeAsync(SourceDocument document, IAnalysisContext context, CancellationToken cancellationToken)
    {
        var analysis = await inner.AnalyzeAsync(document, context, cancellationToken);
        var sentence = analysis.Document.Passages.FirstOrDefault(p => p.Kind == PassageKind.Sentence);
        if (sentence is null)
        {
            return analysis;
        }

        var topic = "synthetic figure " + (Math.Abs(StableHash(document.Id)) % 8).ToString(CultureInfo.InvariantCulture);
        var span = new SourceSpan(sentence.Start, sentence.End, sentence.Text);
        Finding finding = new(FindingKind.Conflict, topic, 0.5, [new Evidence(document.Id, span, span, "synthetic")]);
        return analysis with { Findings = [finding] };
    }

    private static int StableHash(string text)
    {
        var hash = 17;
        foreach (var c in text)
        {
            hash = unchecked(hash * 31 + c);
        }

        return hash & int.MaxValue;
    }
}
