using System.Diagnostics;
using System.Globalization;
using ClaimCompare.Benchmarks.Similarity;
using ClaimCompare.Core.Comparison;
using ClaimCompare.Core.Text;
using ClaimCompare.Storage;
using Npgsql;

namespace ClaimCompare.Benchmarks.Storage;

/// <summary>
/// <c>store-throughput</c>: the store alone (no HTTP, no analysis), SQLite against PostgreSQL on loopback. Ingests N
/// documents with everything an ingest writes (passages, 512-byte signatures, near-duplicate edges, findings, review
/// items, claims JSON) through W concurrent writers, then reads the review queue (a page of the open items, one item
/// with its evidence and audit) with R concurrent readers. See README.md in this folder.
/// </summary>
internal static class StoreThroughput
{
    private const int SignatureBytes = 128 * 4;

    public static async Task<int> RunAsync(string[] args)
    {
        var documents = 2000;
        var writers = new List<int>();
        var readers = 8;
        var reads = 2000;
        var postgres = new List<string>();
        var sqlite = true;
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--documents":
                    documents = int.Parse(args[++i], CultureInfo.InvariantCulture);
                    break;
                case "--writers":
                    writers.AddRange(args[++i].Split(',').Select(w => int.Parse(w, CultureInfo.InvariantCulture)));
                    break;
                case "--readers":
                    readers = int.Parse(args[++i], CultureInfo.InvariantCulture);
                    break;
                case "--reads":
                    reads = int.Parse(args[++i], CultureInfo.InvariantCulture);
                    break;
                case "--postgres":
                    postgres.Add(args[++i]);
                    break;
                case "--no-sqlite":
                    sqlite = false;
                    break;
                default:
                    Console.Error.WriteLine($"store-throughput: unknown option {args[i]}");
                    return 1;
            }
        }

        if (writers.Count == 0)
        {
            writers.AddRange([1, 8]);
        }

        foreach (var connectionString in postgres)
        {
            var host = new NpgsqlConnectionStringBuilder(StoreLocation.Parse(connectionString).Value).Host ?? "";
            if (host is not ("127.0.0.1" or "localhost" or "::1") && !host.StartsWith('/'))
            {
                Console.Error.WriteLine($"store-throughput: PostgreSQL must be on loopback, not {host}");
                return 1;
            }
        }

        var timer = Stopwatch.StartNew();
        var stream = Generate(documents);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"generated {stream.Count} documents in {timer.Elapsed.TotalSeconds:F1} s: {stream.Sum(d => d.Passages.Count) / (double)stream.Count:F1} passages, "
            + $"{stream.Sum(d => d.NearDuplicates.Count) / (double)stream.Count:F1} edges, {stream.Sum(d => d.Findings.Count) / (double)stream.Count:F2} findings per document; "
            + $"{stream.Count(d => d.StoryKey is not null)} with a story key"));

        var targets = new List<(string Label, StoreKind Kind, string Setting)>();
        if (sqlite)
        {
            targets.Add(("sqlite", StoreKind.Sqlite, ""));
        }

        targets.AddRange(postgres.Select(p => (Label(p), StoreKind.Postgres, p)));
        Console.WriteLine("backend                  writers  docs   ingest docs/s  ingest p50/p99 ms  CPU ms/doc client+server  reads/s  page p50/p99 ms  item p50/p99 ms  CPU ms/read client+server  review items");
        // Warm-up (not shown): the JIT's tiers, so that the first backend measured does not pay for them.
        foreach (var target in targets)
        {
            await RunOneAsync(target.Label, target.Kind, target.Setting, stream[..Math.Min(stream.Count, 300)], 1, readers, 300, print: false);
            await RunOneAsync(target.Label, target.Kind, target.Setting, stream[..Math.Min(stream.Count, 300)], 8, readers, 300, print: false);
        }

        foreach (var w in writers)
        {
            foreach (var target in targets)
            {
                await RunOneAsync(target.Label, target.Kind, target.Setting, stream, w, readers, reads);
            }
        }

        return 0;
    }

    private static async Task RunOneAsync(
        string label, StoreKind kind, string setting, List<NewDocument> stream, int writers, int readers, int reads, bool print = true)
    {
        string? directory = null;
        string? schema = null;
        string database;
        if (kind == StoreKind.Sqlite)
        {
            directory = Path.Combine(Path.GetTempPath(), "claimcompare-store-throughput", Guid.NewGuid().ToString("N"));
            database = Path.Combine(directory, "store.db");
        }
        else
        {
            var baseString = StoreLocation.Parse(setting).Value;
            schema = "bench_" + Guid.NewGuid().ToString("N");
            await using (var connection = new NpgsqlConnection(baseString))
            {
                await connection.OpenAsync();
                await using var create = new NpgsqlCommand($"CREATE SCHEMA {schema}", connection);
                await create.ExecuteNonQueryAsync();
            }

            database = new NpgsqlConnectionStringBuilder(baseString) { SearchPath = schema }.ConnectionString;
        }

        var store = StoreLocation.Parse(database).Open();
        try
        {
            await store.MigrateAsync(CancellationToken.None);
            var latencies = new double[stream.Count];
            // An edge may only name a committed document (the service finds near-duplicates among stored ones), so a
            // writer waits for the documents its edges name; with one writer they are always committed already.
            var committed = stream.Select(_ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).ToArray();
            var index = new Dictionary<string, int>(stream.Count, StringComparer.Ordinal);
            for (var d = 0; d < stream.Count; d++)
            {
                index[stream[d].Id] = d;
            }

            var next = -1;
            var postmaster = kind == StoreKind.Postgres ? await PostmasterAsync(database) : 0;
            var cpu = CpuMilliseconds(postmaster);
            var timer = Stopwatch.StartNew();
            await Task.WhenAll(Enumerable.Range(0, writers).Select(_ => Task.Run(async () =>
            {
                int i;
                while ((i = Interlocked.Increment(ref next)) < stream.Count)
                {
                    foreach (var edge in stream[i].NearDuplicates)
                    {
                        await committed[index[edge.OtherDocument]].Task;
                    }

                    var started = Stopwatch.GetTimestamp();
                    var outcome = await store.IngestAsync(stream[i], CancellationToken.None);
                    latencies[i] = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
                    committed[i].SetResult();
                    if (outcome.Duplicate)
                    {
                        throw new InvalidOperationException($"document {i} reported as a duplicate");
                    }
                }
            })));
            var ingestSeconds = timer.Elapsed.TotalSeconds;
            var ingestCpu = Minus(CpuMilliseconds(postmaster), cpu);

            var total = (await store.ListReviewItemsAsync(new ReviewQuery(null, null, null, 1, 1), CancellationToken.None)).Total;
            var open = (await store.ListReviewItemsAsync(new ReviewQuery(ReviewStatus.Open, null, null, 1, 1), CancellationToken.None)).Total;
            var pageLatencies = new List<double>();
            var itemLatencies = new List<double>();
            var done = -1;
            cpu = CpuMilliseconds(postmaster);
            timer.Restart();
            await Task.WhenAll(Enumerable.Range(0, readers).Select(r => Task.Run(async () =>
            {
                var random = new Random(r);
                var pages = new List<double>();
                var items = new List<double>();
                while (Interlocked.Increment(ref done) < reads)
                {
                    var started = Stopwatch.GetTimestamp();
                    var page = await store.ListReviewItemsAsync(
                        new ReviewQuery(ReviewStatus.Open, null, null, 1 + random.Next(Math.Max(1, (open + 49) / 50)), 50), CancellationToken.None);
                    pages.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                    if (page.Items.Count == 0)
                    {
                        continue;
                    }

                    started = Stopwatch.GetTimestamp();
                    var detail = await store.GetReviewItemAsync(page.Items[random.Next(page.Items.Count)].Id, CancellationToken.None);
                    items.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                    if (detail is null || detail.Evidence.Count == 0)
                    {
                        throw new InvalidOperationException("a listed review item could not be read back with its evidence");
                    }
                }

                lock (pageLatencies)
                {
                    pageLatencies.AddRange(pages);
                    itemLatencies.AddRange(items);
                }
            })));
            var readSeconds = timer.Elapsed.TotalSeconds;
            var readCpu = Minus(CpuMilliseconds(postmaster), cpu);

            Array.Sort(latencies);
            pageLatencies.Sort();
            itemLatencies.Sort();
            if (!print)
            {
                return;
            }

            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{label,-24} {writers,7} {stream.Count,5} {stream.Count / ingestSeconds,14:F0} {Percentile(latencies, 0.5),8:F1} /{Percentile(latencies, 0.99),7:F1} "
                + $"{ingestCpu.Client / stream.Count,5:F2}+{ingestCpu.Server / stream.Count,5:F2} {(pageLatencies.Count + itemLatencies.Count) / readSeconds,8:F0} {Percentile(pageLatencies, 0.5),7:F1} /{Percentile(pageLatencies, 0.99),6:F1} "
                + $"{Percentile(itemLatencies, 0.5),7:F1} /{Percentile(itemLatencies, 0.99),6:F1} {readCpu.Client / (pageLatencies.Count + itemLatencies.Count),6:F2}+{readCpu.Server / (pageLatencies.Count + itemLatencies.Count),5:F2}  {total} ({open} open)"));
        }
        finally
        {
            if (store is IAsyncDisposable disposable)
            {
                await disposable.DisposeAsync();
            }

            if (schema is not null)
            {
                await using var connection = new NpgsqlConnection(StoreLocation.Parse(setting).Value);
                await connection.OpenAsync();
                await using var drop = new NpgsqlCommand($"DROP SCHEMA {schema} CASCADE", connection);
                await drop.ExecuteNonQueryAsync();
            }

            if (directory is not null)
            {
                Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
                Directory.Delete(directory, recursive: true);
            }
        }
    }

    /// <summary>The PostgreSQL server's main process (the parent of a backend), when it runs on this machine and /proc shows it; else 0.</summary>
    private static async Task<int> PostmasterAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(StoreLocation.Parse(connectionString).Value);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT pg_backend_pid()", connection);
        var backend = (int)(await command.ExecuteScalarAsync())!;
        try
        {
            var line = File.ReadLines($"/proc/{backend}/status").FirstOrDefault(l => l.StartsWith("PPid:", StringComparison.Ordinal));
            return line is null ? 0 : int.Parse(line[5..].Trim(), CultureInfo.InvariantCulture);
        }
        catch (IOException)
        {
            return 0;
        }
    }

    /// <summary>
    /// CPU time of this process plus, given the postmaster, the whole server: its own and its reaped children's time
    /// (backends that ended) plus its live children's (backends, checkpointer, WAL writer), from /proc. Less disturbed
    /// than wall time by other work on a busy machine.
    /// </summary>
    private static (double Client, double Server) CpuMilliseconds(int postmaster)
    {
        var client = Process.GetCurrentProcess().TotalProcessorTime.TotalMilliseconds;
        if (postmaster == 0)
        {
            return (client, 0);
        }

        var total = 0.0;
        var tick = 1000.0 / 100; // USER_HZ
        total += Ticks(postmaster, withChildren: true) * tick;
        foreach (var directory in Directory.EnumerateDirectories("/proc"))
        {
            if (int.TryParse(Path.GetFileName(directory), NumberStyles.None, CultureInfo.InvariantCulture, out var pid) && pid != postmaster)
            {
                try
                {
                    var status = File.ReadAllText(Path.Combine(directory, "stat"));
                    var fields = status[(status.LastIndexOf(')') + 2)..].Split(' ');
                    if (int.Parse(fields[1], CultureInfo.InvariantCulture) == postmaster)
                    {
                        total += Ticks(pid, withChildren: false) * tick;
                    }
                }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException)
                {
                    // The process ended meanwhile; its time is in the postmaster's children's time now.
                }
            }
        }

        return (client, total);
    }

    private static (double Client, double Server) Minus((double Client, double Server) after, (double Client, double Server) before) =>
        (after.Client - before.Client, after.Server - before.Server);

    private static long Ticks(int pid, bool withChildren)
    {
        try
        {
            var status = File.ReadAllText($"/proc/{pid}/stat");
            // Fields after "(comm) ": state ppid ... utime(14) stime(15) cutime(16) cstime(17), counting from pid = 1.
            var fields = status[(status.LastIndexOf(')') + 2)..].Split(' ');
            var ticks = long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
            if (withChildren)
            {
                ticks += long.Parse(fields[13], CultureInfo.InvariantCulture) + long.Parse(fields[14], CultureInfo.InvariantCulture);
            }

            return ticks;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return 0;
        }
    }

    /// <summary>"postgres", or "postgres async-commit" when the connection turns synchronous_commit off (as SQLite's synchronous=NORMAL in WAL mode does not wait for the disk at commit).</summary>
    private static string Label(string connectionString) =>
        (new NpgsqlConnectionStringBuilder(StoreLocation.Parse(connectionString).Value).Options ?? "").Contains("synchronous_commit=off", StringComparison.Ordinal)
            ? "postgres async-commit"
            : "postgres";

    private static double Percentile(IReadOnlyList<double> sorted, double p) =>
        sorted.Count == 0 ? 0 : sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(p * sorted.Count) - 1)];

    /// <summary>
    /// The documents, in ingest order: <see cref="SyndicationCorpus"/> texts and passages; signatures of the service's
    /// size (k = 128 uint32); an edge per true near-duplicate pair with an earlier document (at most 16 per passage, as
    /// the service caps them); every seventh document in one of 4 open stories of 25 (a story-wide conflict that
    /// attaches evidence, and a quote variant that opens an item), the others in a story of their own with an agreement.
    /// </summary>
    private static List<NewDocument> Generate(int count)
    {
        var corpus = SyndicationCorpus.Generate(count, FixtureReport.FindFixtures());
        var earlier = new Dictionary<(int Doc, int Passage), List<(int Doc, int Passage)>>();
        foreach (var (docA, passageA, docB, passageB) in corpus.TruePairs)
        {
            var (early, late) = docA < docB ? ((docA, passageA), (docB, passageB)) : ((docB, passageB), (docA, passageA));
            if (!earlier.TryGetValue(late, out var list))
            {
                earlier[late] = list = [];
            }

            list.Add(early);
        }

        var random = new Random(20220112);
        var claimsJson = "{\"figures\":[" + string.Join(',', Enumerable.Repeat("{\"start\":0,\"end\":16,\"text\":\"More than 10,000\",\"kind\":\"count\",\"value\":10000}", 12)) + "]}";
        var result = new List<NewDocument>(count);
        var stories = 0;
        for (var d = 0; d < corpus.Documents.Count; d++)
        {
            var document = corpus.Documents[d];
            var id = "doc-" + d.ToString("D6", CultureInfo.InvariantCulture);
            var signatures = new List<PassageSignature>(document.Passages.Count);
            foreach (var passage in document.Passages)
            {
                var bytes = new byte[SignatureBytes];
                random.NextBytes(bytes);
                signatures.Add(new PassageSignature(passage.Index, "minhash/xxh3/k128/w3/v1", bytes));
            }

            var edges = new List<NearDuplicateEdge>();
            foreach (var passage in document.Passages)
            {
                if (!earlier.TryGetValue((d, passage.Index), out var list))
                {
                    continue;
                }

                foreach (var (otherDoc, otherPassage) in list.OrderByDescending(x => x.Doc).Take(16))
                {
                    var other = corpus.Documents[otherDoc].Passages[otherPassage];
                    edges.Add(new NearDuplicateEdge(id, passage.Index, new SourceSpan(passage.Start, passage.End, passage.Text),
                        "doc-" + otherDoc.ToString("D6", CultureInfo.InvariantCulture), otherPassage, new SourceSpan(other.Start, other.End, other.Text),
                        0.9, 0.95, 0.97, "near-verbatim"));
                }
            }

            string? key = null;
            var findings = new List<Finding>();
            var first = document.Passages[0];
            var claim = new SourceSpan(first.Start, Math.Min(first.End, first.Start + 12), first.Text[..Math.Min(first.Text.Length, 12)]);
            var evidence = new Evidence(id, new SourceSpan(first.Start, first.End, first.Text), claim, "about 3,000 troops");
            if (d % 7 == 0)
            {
                var story = stories++;
                key = "story-" + ((story / 100 * 4) + (story % 4)).ToString("D4", CultureInfo.InvariantCulture);
                findings.Add(new Finding(FindingKind.Conflict, "troops: military, russian (" + key + ")", 0.6, [evidence]));
                findings.Add(new Finding(FindingKind.QuoteVariant, $"Jens Stoltenberg: quote {d}", 0.5, [evidence with { Claim = claim with { Start = claim.Start + 1 } }]));
            }
            else
            {
                findings.Add(new Finding(FindingKind.Agree, "talks lasted four hours", 0.9, [evidence]));
            }

            result.Add(new NewDocument(id, "hash-" + id, document.Outlet ?? "outlet", "https://example.org/" + id,
                document.Date is { } date ? new DateTimeOffset(date.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero) : null,
                "Title " + d.ToString(CultureInfo.InvariantCulture), document.OriginalText, document.Passages, signatures, edges, findings,
                new StoryTarget(null, key, "Title " + d.ToString(CultureInfo.InvariantCulture)), "store-throughput")
            {
                StoryKey = key,
                ClaimsJson = claimsJson,
                Removed = document.Removed,
            });
        }

        return result;
    }
}
