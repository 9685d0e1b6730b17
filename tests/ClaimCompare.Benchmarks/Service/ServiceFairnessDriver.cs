using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using ClaimCompare.Benchmarks.Text;

namespace ClaimCompare.Benchmarks.Service;

/// <summary>
/// Measures what one heavy article does to the service, as a client on loopback sees it: the service runs as its own
/// process (<c>claimcompare serve</c>, a fresh database in a temporary folder), so its CPU time and memory are read
/// from /proc for that process alone.
/// </summary>
/// <remarks>
/// <para>Phases, each on a fresh server:</para>
/// <list type="number">
/// <item>fairness: 40 normal ingests of about 5 KB one after another, alone; then two 256 KB quote-heavy articles are
/// sent at once and, while they are in flight, 40 more normal ingests: latency p50/p99/max of each set, and what became
/// of the heavy ones (status, seconds);</item>
/// <item>disconnect: a quote-heavy ingest of 768 KB (<c>--disconnect-kb</c>; the body limit is 1 MiB) whose client hangs up after 0.5 s
/// (<c>--hang-up-seconds</c>, fractions allowed; the article must take longer than that to ingest): seconds from the hang-up until the
/// server's CPU falls idle (under 10% of one core over 200 ms), and its CPU seconds meanwhile;</item>
/// <item>report memory: a 1 MB and a 4 MB prose article each stored (with a generous ingest budget), then
/// <c>GET /api/stories/{id}/report</c>: status, seconds, and the server's peak RSS during the request (sampled every
/// 20 ms) and over its life (VmHWM).</item>
/// </list>
/// <para>Usage: <c>dotnet run -c Release --project tests/ClaimCompare.Benchmarks -- service-fairness [--cli PATH]
/// [--phases fairness,disconnect,report]</c>; <c>--cli</c> defaults to this tree's Release build of the CLI, and may
/// name another build (e.g. a baseline) to compare. Extra server settings can be given as <c>--set Key=Value</c>.</para>
/// </remarks>
internal static class ServiceFairnessDriver
{
    private const string Key = "fairness-driver-admin-key-00001";

    public static async Task<int> RunAsync(string[] args)
    {
        var cli = Argument(args, "--cli") ?? FindCli();
        var phases = (Argument(args, "--phases") ?? "fairness,disconnect,report").Split(',');
        var extra = new List<string>();
        for (var i = 0; i < args.Length - 1; i++)
        {
            if (args[i] == "--set")
            {
                extra.Add(args[i + 1]);
            }
        }

        Console.WriteLine($"service-fairness: server {cli}; {Environment.ProcessorCount} cores; load average {LoadAverage()}");
        var normal = NormalArticles(80);
        var heavy = QuoteHeavy(256 * 1024, seed: 1);
        if (phases.Contains("fairness"))
        {
            await using var server = await ServerProcess.StartAsync(cli, extra);
            using var client = server.Client();
            var alone = await IngestSequentiallyAsync(client, normal[..40]);
            Print("normal 5 KB ingest, alone", alone);
            var clock = Stopwatch.StartNew();
            var heavyTasks = new[]
            {
                TimedIngestAsync(client, Body("Heavy outlet 1", heavy), clock),
                TimedIngestAsync(client, Body("Heavy outlet 2", QuoteHeavy(256 * 1024, seed: 2)), clock),
            };
            await Task.Delay(500);
            var during = await IngestSequentiallyAsync(client, normal[40..]);
            Print("normal 5 KB ingest, while two 256 KB quote-heavy articles ingest", during);
            foreach (var (status, seconds, title) in await Task.WhenAll(heavyTasks))
            {
                Console.WriteLine($"  heavy 256 KB ingest: {(int)status} after {seconds:F1} s {title}");
            }
        }

        if (phases.Contains("disconnect"))
        {
            await using var server = await ServerProcess.StartAsync(cli, extra);
            using var client = server.Client();
            await client.PostAsync(new Uri("/api/documents", UriKind.Relative), Content(Body("Warm-up", normal[0].Text)));
            var hangUpSeconds = double.Parse(Argument(args, "--hang-up-seconds") ?? "0.5", CultureInfo.InvariantCulture);
            var disconnectKb = int.Parse(Argument(args, "--disconnect-kb") ?? "768", CultureInfo.InvariantCulture);
            var disconnecting = QuoteHeavy(disconnectKb * 1024, seed: 3);
            using var hangUp = new CancellationTokenSource(TimeSpan.FromSeconds(hangUpSeconds));
            try
            {
                await client.PostAsync(new Uri("/api/documents", UriKind.Relative), Content(Body("Heavy outlet", disconnecting)), hangUp.Token);
                Console.WriteLine($"  disconnect: the heavy ingest finished within {hangUpSeconds} s; nothing to measure");
            }
            catch (OperationCanceledException)
            {
                var cpuAtHangUp = server.CpuSeconds();
                var idleAfter = await server.WaitForIdleAsync(TimeSpan.FromSeconds(120));
                Console.WriteLine(idleAfter is { } idle
                    ? $"disconnect of a {disconnectKb} KB ingest after {hangUpSeconds} s: server CPU idle {Math.Max(0, idle.TotalSeconds):F2} s after the client hung up ({server.CpuSeconds() - cpuAtHangUp:F2} CPU-s meanwhile)"
                    : $"disconnect of a {disconnectKb} KB ingest after {hangUpSeconds} s: server CPU still busy 120 s after the client hung up ({server.CpuSeconds() - cpuAtHangUp:F1} CPU-s)");
            }
        }

        if (phases.Contains("report"))
        {
            foreach (var size in new[] { 1 << 20, 4 << 20 })
            {
                var settings = new List<string>(extra) { "ClaimCompare__MaxBodyBytes=16777216", "ClaimCompare__IngestBudgetSeconds=900" };
                await using var server = await ServerProcess.StartAsync(cli, settings);
                using var client = server.Client();
                client.Timeout = TimeSpan.FromMinutes(20);
                var text = Prose(size);
                var clock = Stopwatch.StartNew();
                var ingest = await client.PostAsync(new Uri("/api/documents", UriKind.Relative), Content(Body("Long outlet", text)));
                var ingestSeconds = clock.Elapsed.TotalSeconds;
                if (!ingest.IsSuccessStatusCode)
                {
                    Console.WriteLine($"report {size >> 20} MB: ingest answered {(int)ingest.StatusCode} after {ingestSeconds:F1} s: {Trim(await ingest.Content.ReadAsStringAsync())}");
                    continue;
                }

                using var json = JsonDocument.Parse(await ingest.Content.ReadAsStringAsync());
                var story = json.RootElement.GetProperty("storyId").GetInt64();
                var before = server.RssBytes();
                using var sampling = new CancellationTokenSource();
                var peak = server.SampleRssAsync(sampling.Token);
                clock.Restart();
                var report = await client.GetAsync(new Uri($"/api/stories/{story}/report", UriKind.Relative));
                var reportSeconds = clock.Elapsed.TotalSeconds;
                var body = await report.Content.ReadAsStringAsync();
                await sampling.CancelAsync();
                var peakRss = await peak;
                await Task.Delay(2000);
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"report {size >> 20} MB ({text.Length:N0} chars, ingest {ingestSeconds:F1} s): {(int)report.StatusCode} after {reportSeconds:F1} s, {body.Length:N0} chars; server RSS before {before / 1e6:F0} MB, peak during {peakRss / 1e6:F0} MB, 2 s after {server.RssBytes() / 1e6:F0} MB, lifetime peak {server.PeakRssBytes() / 1e6:F0} MB"));
                if (!report.IsSuccessStatusCode)
                {
                    Console.WriteLine($"  {Trim(body)}");
                }
            }
        }

        return 0;
    }

    private static string Trim(string text) => text.Length > 400 ? text[..400] + "..." : text;

    private static void Print(string what, List<double> milliseconds)
    {
        milliseconds.Sort();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{what}: n={milliseconds.Count}, p50 {Percentile(milliseconds, 0.5):F0} ms, p99 {Percentile(milliseconds, 0.99):F0} ms, max {milliseconds[^1]:F0} ms"));
    }

    private static double Percentile(List<double> sorted, double p) => sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(p * sorted.Count) - 1)];

    private static async Task<List<double>> IngestSequentiallyAsync(HttpClient client, (string Source, string Text)[] articles)
    {
        var times = new List<double>(articles.Length);
        foreach (var (source, text) in articles)
        {
            var clock = Stopwatch.StartNew();
            using var response = await client.PostAsync(new Uri("/api/documents", UriKind.Relative), Content(Body(source, text)));
            times.Add(clock.Elapsed.TotalMilliseconds);
            if (!response.IsSuccessStatusCode)
            {
                Console.WriteLine($"  normal ingest answered {(int)response.StatusCode}");
            }
        }

        return times;
    }

    private static async Task<(HttpStatusCode Status, double Seconds, string Title)> TimedIngestAsync(HttpClient client, object body, Stopwatch clock)
    {
        using var response = await client.PostAsync(new Uri("/api/documents", UriKind.Relative), Content(body));
        var seconds = clock.Elapsed.TotalSeconds;
        var title = "";
        if (!response.IsSuccessStatusCode)
        {
            using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
            title = problem.RootElement.TryGetProperty("title", out var t) ? "(" + t.GetString() + ")" : "";
        }

        return (response.StatusCode, seconds, title);
    }

    private static object Body(string source, string text) =>
        new { source, url = $"https://{source.ToLowerInvariant().Replace(' ', '-')}.example/{Guid.NewGuid():N}", published = "2022-01-12T10:00:00Z", title = "Talks", text };

    private static StringContent Content(object body) => new(JsonSerializer.Serialize(body), Encoding.UTF8, "application/json");

    /// <summary>About 5 KB articles from the text benchmarks' news corpus (fixture lines reshuffled), each from its own outlet.</summary>
    private static (string Source, string Text)[] NormalArticles(int count)
    {
        var articles = new List<(string, string)>(count);
        foreach (var document in NewsCorpus.Documents)
        {
            if (document.Text.Length is > 4000 and < 6500)
            {
                articles.Add(($"Outlet {articles.Count}", document.Text));
                if (articles.Count == count)
                {
                    break;
                }
            }
        }

        return [.. articles];
    }

    /// <summary>Prose of <paramref name="chars"/> characters: the news corpus's documents one after another.</summary>
    private static string Prose(int chars)
    {
        var text = new StringBuilder(chars + 8192);
        foreach (var document in NewsCorpus.Documents)
        {
            text.Append(document.Text).Append("\n\n");
            if (text.Length >= chars)
            {
                break;
            }
        }

        return text.ToString(0, Math.Min(text.Length, chars));
    }

    /// <summary>A quote-heavy article: paragraphs of two attributed quotes with figures, speakers and roles varying.</summary>
    internal static string QuoteHeavy(int chars, int seed)
    {
        string[] names = ["Jens Stoltenberg", "Dmitry Peskov", "Wendy Sherman", "Sergei Ryabkov", "Antony Blinken", "Alexander Grushko", "Ned Price", "Sergei Lavrov"];
        string[] roles = ["NATO secretary-general", "Kremlin spokesman", "deputy secretary of state", "deputy foreign minister", "secretary of state", "deputy foreign minister", "State Department spokesman", "foreign minister"];
        string[] verbs = ["said", "told reporters", "added", "warned", "insisted"];
        string[] nouns = ["troops", "tanks", "soldiers", "aircraft", "missiles", "ships"];
        string[] days = ["Monday", "Tuesday", "Wednesday"];
        var random = new SplitMix(seed);
        var text = new StringBuilder(chars + 512);
        for (var i = 0; text.Length < chars; i++)
        {
            var k = random.Next(names.Length);
            var other = names[(k + 1) % names.Length].Split(' ')[1];
            text.Append(CultureInfo.InvariantCulture,
                $"\"We have seen {1000 + random.Next(199_000):N0} {nouns[random.Next(nouns.Length)]} near the border, and talks on day {i} did not change that,\" {names[k]}, the {roles[k]}, {verbs[random.Next(verbs.Length)]} on {days[random.Next(days.Length)]}. \"This is not an easy discussion about {2 + random.Next(88)} issues,\" {other} {verbs[random.Next(verbs.Length)]}.\n\n");
        }

        return text.ToString();
    }

    private static string FindCli()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "src", "ClaimCompare.Cli", "bin", "Release", "net10.0", "claimcompare");
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new FileNotFoundException("Build the CLI in Release first (dotnet build src/ClaimCompare.Cli -c Release), or pass --cli PATH.");
    }

    private static string? Argument(string[] args, string name)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
    }

    private static string LoadAverage() => File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Trim() : "n/a";

    /// <summary>A deterministic generator (SplitMix64); <see cref="Random"/>'s seeded sequence is not promised across runtimes.</summary>
    private sealed class SplitMix(int seed)
    {
        private ulong _state = (ulong)seed * 0x9E3779B97F4A7C15UL;

        public int Next(int bound)
        {
            var z = _state += 0x9E3779B97F4A7C15UL;
            z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
            z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
            return (int)((z ^ (z >> 31)) % (ulong)bound);
        }
    }

    /// <summary><c>claimcompare serve</c> as a child process on a free loopback port, with a temporary database.</summary>
    private sealed class ServerProcess : IAsyncDisposable
    {
        private readonly Process _process;
        private readonly string _folder;

        private ServerProcess(Process process, string folder, Uri address)
        {
            _process = process;
            _folder = folder;
            Address = address;
        }

        public Uri Address { get; }

        public static async Task<ServerProcess> StartAsync(string cli, IReadOnlyList<string> settings)
        {
            var folder = Path.Combine(Path.GetTempPath(), "claimcompare-fairness-" + Guid.NewGuid().ToString("N"));
            Directory.CreateDirectory(folder);
            var port = FreePort();
            var start = new ProcessStartInfo(cli, ["serve", "--urls", $"http://127.0.0.1:{port}", "--db", Path.Combine(folder, "store.db")])
            {
                UseShellExecute = false,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            };
            start.Environment[$"Auth__Keys__{Key}"] = "admin";
            start.Environment["RateLimit__PermitLimit"] = "1000000";
            start.Environment["Serilog__MinimumLevel__Default"] = "Warning";
            foreach (var setting in settings)
            {
                var eq = setting.IndexOf('=', StringComparison.Ordinal);
                start.Environment[setting[..eq].Replace(":", "__", StringComparison.Ordinal)] = setting[(eq + 1)..];
            }

            var process = Process.Start(start)!;
            process.OutputDataReceived += (_, _) => { };
            process.ErrorDataReceived += (_, e) =>
            {
                if (e.Data is { Length: > 0 } line)
                {
                    Console.Error.WriteLine("  server: " + line);
                }
            };
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
            var server = new ServerProcess(process, folder, new Uri($"http://127.0.0.1:{port}"));
            using var probe = new HttpClient { BaseAddress = server.Address };
            for (var i = 0; i < 600; i++)
            {
                try
                {
                    if ((await probe.GetAsync(new Uri("/healthz", UriKind.Relative))).IsSuccessStatusCode)
                    {
                        return server;
                    }
                }
                catch (HttpRequestException)
                {
                }

                await Task.Delay(100);
            }

            throw new InvalidOperationException("the server did not start within 60 s");
        }

        public HttpClient Client()
        {
            var client = new HttpClient { BaseAddress = Address, Timeout = TimeSpan.FromMinutes(10) };
            client.DefaultRequestHeaders.Add("X-Api-Key", Key);
            return client;
        }

        /// <summary>User plus system CPU seconds of the server process.</summary>
        public double CpuSeconds()
        {
            var stat = File.ReadAllText($"/proc/{_process.Id}/stat");
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            // Fields 14 and 15 of stat (utime, stime), counted from the state field (3rd).
            var ticks = long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
            return ticks / 100.0;
        }

        public long RssBytes() => StatusKilobytes("VmRSS:") * 1024;

        public long PeakRssBytes() => StatusKilobytes("VmHWM:") * 1024;

        public async Task<long> SampleRssAsync(CancellationToken stop)
        {
            var peak = RssBytes();
            while (!stop.IsCancellationRequested)
            {
                peak = Math.Max(peak, RssBytes());
                try
                {
                    await Task.Delay(20, stop);
                }
                catch (OperationCanceledException)
                {
                }
            }

            return Math.Max(peak, RssBytes());
        }

        /// <summary>Time until the server uses under 10% of one core over a 200 ms window, or null.</summary>
        public async Task<TimeSpan?> WaitForIdleAsync(TimeSpan limit)
        {
            var clock = Stopwatch.StartNew();
            var last = CpuSeconds();
            while (clock.Elapsed < limit)
            {
                await Task.Delay(200);
                var now = CpuSeconds();
                if (now - last < 0.02)
                {
                    return clock.Elapsed - TimeSpan.FromMilliseconds(200);
                }

                last = now;
            }

            return null;
        }

        public async ValueTask DisposeAsync()
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                await _process.WaitForExitAsync();
            }

            _process.Dispose();
            try
            {
                Directory.Delete(_folder, recursive: true);
            }
            catch (IOException)
            {
            }
        }

        private long StatusKilobytes(string field)
        {
            foreach (var line in File.ReadLines($"/proc/{_process.Id}/status"))
            {
                if (line.StartsWith(field, StringComparison.Ordinal))
                {
                    return long.Parse(line[field.Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture);
                }
            }

            return 0;
        }

        private static int FreePort()
        {
            using var listener = new TcpListener(IPAddress.Loopback, 0);
            listener.Start();
            return ((IPEndPoint)listener.LocalEndpoint).Port;
        }
    }
}
