using System.Diagnostics;
using System.Globalization;
using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using ClaimCompare.Core.Comparison;
using ClaimCompare.Server.Hosting;
using ClaimCompare.Server.Ingest;
using ClaimCompare.Server.Stories;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace ClaimCompare.Benchmarks.Evaluation;

/// <summary>
/// <c>eval stream [--set dev|heldout|all] [--show] [--articles N]</c>: feeds a real news stream of one outlet
/// (Evaluation/Stream: 1,000 Reuters-21578 articles of March 1987, no story keys) to the service in this process, as
/// the issue's authors did, and scores every conflict, update and quote variant its per-story reports raise against the
/// labels in Evaluation/Stream/labels.txt.
/// </summary>
/// <remarks>
/// The service is the real one (<see cref="ServerHost.Build"/> with default settings on a SQLite file in a temporary
/// folder): each article goes through <see cref="IngestService.IngestAsync"/> in date order, so the stories are the
/// service's own grouping (near-duplicate passages and aligned claims within the story window); each story of two or
/// more documents is then reported by <see cref="StoryReports"/>, as the story page and API do. A finding belongs to the
/// held-out part when the first byte of sha256 of its story's key (the Reuters NEWID of the story's first article) is
/// below 0x80, else to the development part; the split was fixed before any finding was seen.
/// </remarks>
internal static class StreamEvaluation
{
    private const string StreamFile = "reuters-1987-03.jsonl.gz";

    private static readonly FindingKind[] Judged = [FindingKind.Conflict, FindingKind.Update, FindingKind.QuoteVariant];

    public static async Task<int> RunAsync(string[] args)
    {
        var set = "dev";
        var show = false;
        var limit = int.MaxValue;
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--set" when i + 1 < args.Length && args[i + 1] is "dev" or "heldout" or "all":
                    set = args[++i];
                    break;
                case "--show":
                    show = true;
                    break;
                case "--articles" when i + 1 < args.Length && int.TryParse(args[i + 1], CultureInfo.InvariantCulture, out var n) && n > 0:
                    limit = n;
                    i++;
                    break;
                default:
                    Console.Error.WriteLine($"eval stream: unknown argument '{args[i]}' (expected --set dev|heldout|all, --show, --articles N)");
                    return 1;
            }
        }

        var folder = Path.Combine(TextEvaluation.FindEvaluationFolder(), "Stream");
        var articles = ReadStream(Path.Combine(folder, StreamFile), limit);
        var labels = ReadLabels(Path.Combine(folder, "labels.txt"));
        var directory = Directory.CreateTempSubdirectory("claimcompare-stream-");
        try
        {
            var (raised, queued) = await RunServiceAsync(articles, Path.Combine(directory.FullName, "stream.db"));
            return Score(raised, queued, labels, set, show);
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            directory.Delete(recursive: true);
        }
    }

    /// <summary>One article of the stream file.</summary>
    internal sealed record StreamArticle(string Id, DateTimeOffset Date, string Title, string Text);

    /// <summary>A judged finding of one story's report, with the NEWIDs of its evidence and its part of the split.</summary>
    private sealed record RaisedFinding(Finding Finding, long Story, string StoryKey, bool HeldOut, IReadOnlyList<string> Articles, string Key);

    /// <summary>The stream's articles in file (date) order; the text the service gets is the headline, a blank line and the body.</summary>
    internal static List<StreamArticle> ReadStream(string path, int limit = int.MaxValue)
    {
        var articles = new List<StreamArticle>();
        using var file = File.OpenRead(path);
        using var gzip = new GZipStream(file, CompressionMode.Decompress);
        using var reader = new StreamReader(gzip, Encoding.UTF8);
        while (articles.Count < limit && reader.ReadLine() is { } line)
        {
            using var json = JsonDocument.Parse(line);
            var root = json.RootElement;
            var title = root.GetProperty("title").GetString() ?? "";
            var body = root.GetProperty("text").GetString() ?? "";
            articles.Add(new StreamArticle(root.GetProperty("id").GetString()!,
                DateTimeOffset.Parse(root.GetProperty("date").GetString()!, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal),
                title, title.Length == 0 ? body : title + "\n\n" + body));
        }

        return articles;
    }

    /// <summary>Ingests the stream into a fresh service and reports every story of two or more documents.</summary>
    private static async Task<(List<RaisedFinding> Raised, Dictionary<(bool HeldOut, FindingKind Kind), int> Queued)> RunServiceAsync(List<StreamArticle> articles, string database)
    {
        var key = Convert.ToHexString(RandomNumberGenerator.GetBytes(24));
        await using var app = ServerHost.Build(
            [
                $"--ClaimCompare:DatabasePath={database}",
                $"--Auth:Keys:{key}=admin:stream-evaluation",
                "--Serilog:MinimumLevel:Default=Warning",
            ],
            builder => builder.WebHost.UseUrls("http://127.0.0.1:0"));
        await app.StartAsync();
        try
        {
            var ingest = app.Services.GetRequiredService<IngestService>();
            var reports = app.Services.GetRequiredService<StoryReports>();
            var newIdOf = new Dictionary<string, string>(StringComparer.Ordinal);
            var queued = new Dictionary<(bool HeldOut, FindingKind Kind), int>();
            var stories = new Dictionary<long, List<string>>();
            var duplicates = 0;
            var timer = Stopwatch.StartNew();
            foreach (var article in articles)
            {
                var result = await ingest.IngestAsync(new IngestCommand("Reuters", null, article.Date, article.Title, article.Text, null), "stream-evaluation", CancellationToken.None);
                if (result.Outcome.Duplicate || !newIdOf.TryAdd(result.Outcome.DocumentId, article.Id))
                {
                    duplicates++;
                    continue;
                }

                if (!stories.TryGetValue(result.Outcome.StoryId, out var members))
                {
                    stories[result.Outcome.StoryId] = members = [];
                }

                members.Add(article.Id);
            }

            var ingestSeconds = timer.Elapsed.TotalSeconds;
            var multi = stories.Where(s => s.Value.Count > 1).OrderBy(s => s.Key).ToList();
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"stream: {articles.Count} articles ({duplicates} duplicates not stored) ingested in {ingestSeconds:F1} s ({1000 * ingestSeconds / Math.Max(1, articles.Count):F0} ms each); {stories.Count} stories, {multi.Count} of two or more documents (largest {(multi.Count == 0 ? 0 : multi.Max(s => s.Value.Count))})"));

            timer.Restart();
            var raised = new List<RaisedFinding>();
            var store = app.Services.GetRequiredService<ClaimCompare.Storage.IClaimStore>();
            var refused = 0;
            foreach (var (story, members) in multi)
            {
                Core.Reporting.ComparisonReport report;
                try
                {
                    report = await reports.BuildAsync(story, CancellationToken.None);
                }
                catch (Exception e) when (e is ReportTooLargeException or Server.Budgets.BudgetExceededException)
                {
                    refused++;
                    Console.WriteLine($"  story {story} ({members.Count} documents): no report: {e.Message}");
                    continue;
                }

                if (Environment.GetEnvironmentVariable("STREAM_DEBUG") is not null)
                {
                    await PrintStoryAsync(store, story, members, newIdOf);
                }

                var storyKey = members[0];
                var heldOut = SHA256.HashData(Encoding.UTF8.GetBytes(storyKey))[0] < 0x80;
                foreach (var finding in report.Findings)
                {
                    if (Array.IndexOf(Judged, finding.Kind) < 0)
                    {
                        continue;
                    }

                    var evidence = finding.Evidence.Select(e => newIdOf.GetValueOrDefault(e.Document, e.Document)).ToList();
                    raised.Add(new RaisedFinding(finding, story, storyKey, heldOut, evidence, FindingKey(finding, evidence)));
                }

                // What the review queue holds: the findings raised as each document was ingested (unlabelled; counted only).
                foreach (var stored in await store.GetStoryFindingsAsync(story, CancellationToken.None))
                {
                    if (Array.IndexOf(Judged, stored.Finding.Kind) >= 0)
                    {
                        var slot = (heldOut, stored.Finding.Kind);
                        queued[slot] = queued.GetValueOrDefault(slot) + 1;
                    }
                }
            }

            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  reports: {multi.Count - refused} stories reported in {timer.Elapsed.TotalSeconds:F1} s, {refused} refused"));
            return (raised, queued);
        }
        finally
        {
            await app.StopAsync();
        }
    }

    /// <summary>Debugging aid (STREAM_DEBUG=1): a story's members and the near-duplicate edges that joined them.</summary>
    private static async Task PrintStoryAsync(ClaimCompare.Storage.IClaimStore store, long story, List<string> members, Dictionary<string, string> newIdOf)
    {
        var ids = newIdOf.Where(p => members.Contains(p.Value)).Select(p => p.Key).ToList();
        Console.WriteLine($"  story {story}: {string.Join(", ", members)}");
        foreach (var edge in await store.GetEdgesAsync(ids, CancellationToken.None))
        {
            Console.WriteLine($"      edge {newIdOf.GetValueOrDefault(edge.Document)} ~ {newIdOf.GetValueOrDefault(edge.OtherDocument)} {edge.Kind} j={edge.Jaccard}: \"{Normal(edge.Span.Text)}\" ~ \"{Normal(edge.OtherSpan.Text)}\"");
        }

        foreach (var finding in await store.GetStoryFindingsAsync(story, CancellationToken.None))
        {
            Console.WriteLine($"      ingest finding {finding.Finding.Kind.ToWireName()} of {newIdOf.GetValueOrDefault(finding.Document)}: {finding.Finding.Explanation}");
        }
    }

    /// <summary>A finding's label key: its kind, then each evidence entry as <c>NEWID "claim words"</c>, sorted, joined by " ; ".</summary>
    private static string FindingKey(Finding finding, List<string> articles)
    {
        var entries = new List<string>(finding.Evidence.Count);
        for (var i = 0; i < finding.Evidence.Count; i++)
        {
            entries.Add($"{articles[i]} \"{Normal(finding.Evidence[i].Claim.Text)}\"");
        }

        entries.Sort(StringComparer.Ordinal);
        return finding.Kind.ToWireName() + " | " + string.Join(" ; ", entries);
    }

    private static string Normal(string text) => string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)).Replace("\"", "''", StringComparison.Ordinal);

    /// <summary>Labels: <c>kind | evidence ; evidence | real or false:class | note</c>, keyed by the first two fields.</summary>
    private static Dictionary<string, (string Label, string Note)> ReadLabels(string path)
    {
        var labels = new Dictionary<string, (string, string)>(StringComparer.Ordinal);
        if (!File.Exists(path))
        {
            return labels;
        }

        foreach (var raw in File.ReadLines(path))
        {
            var line = raw.Trim();
            if (line.Length == 0 || line.StartsWith('#'))
            {
                continue;
            }

            var parts = line.Split(" | ");
            if (parts.Length < 3)
            {
                throw new FormatException($"{path}: cannot read '{line}'");
            }

            labels[parts[0] + " | " + parts[1]] = (parts[2].Trim(), parts.Length > 3 ? string.Join(" | ", parts[3..]).Trim() : "");
        }

        return labels;
    }

    private static int Score(
        List<RaisedFinding> raised, Dictionary<(bool HeldOut, FindingKind Kind), int> queued, Dictionary<string, (string Label, string Note)> labels, string set, bool show)
    {
        var parts = set == "all" ? new[] { false, true } : [set == "heldout"];
        foreach (var heldOut in parts)
        {
            var name = heldOut ? "held-out" : "dev";
            var mine = raised.Where(r => r.HeldOut == heldOut).ToList();
            Console.WriteLine($"stream {name}: {mine.Count} conflicts, updates and quote variants in {mine.Select(r => r.Story).Distinct().Count()} stories");
            var falseClasses = new SortedDictionary<string, int>(StringComparer.Ordinal);
            foreach (var kind in Judged)
            {
                int real = 0, wrong = 0, unlabelled = 0;
                foreach (var finding in mine.Where(r => r.Finding.Kind == kind))
                {
                    if (!labels.TryGetValue(finding.Key, out var label))
                    {
                        unlabelled++;
                    }
                    else if (label.Label == "real")
                    {
                        real++;
                    }
                    else
                    {
                        wrong++;
                        var cls = kind.ToWireName() + " " + (label.Label.StartsWith("false:", StringComparison.Ordinal) ? label.Label[6..] : label.Label);
                        falseClasses[cls] = falseClasses.GetValueOrDefault(cls) + 1;
                    }
                }

                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"  {kind.ToWireName(),-14} raised {real + wrong + unlabelled,4}  real {real,4}  false {wrong,4}  unlabelled {unlabelled,4}  precision {(real + wrong == 0 ? "-" : ((double)real / (real + wrong)).ToString("F3", CultureInfo.InvariantCulture))}"));
            }

            Console.WriteLine("  false by class: " + (falseClasses.Count == 0 ? "none" : string.Join(", ", falseClasses.Select(c => $"{c.Key} {c.Value}"))));
            Console.WriteLine("  review queue (raised at ingest, not labelled): " + string.Join(", ", Judged.Select(k => $"{k.ToWireName()} {queued.GetValueOrDefault((heldOut, k))}")));
            if (!show)
            {
                continue;
            }

            foreach (var finding in mine.OrderBy(r => r.Story).ThenBy(r => r.Key, StringComparer.Ordinal))
            {
                var label = labels.TryGetValue(finding.Key, out var l) ? l.Label : "UNLABELLED";
                Console.WriteLine();
                Console.WriteLine($"  [{name}] story {finding.Story} (key {finding.StoryKey}) {label}: {finding.Finding.Explanation}");
                for (var i = 0; i < finding.Finding.Evidence.Count; i++)
                {
                    var e = finding.Finding.Evidence[i];
                    var copies = e.Copies.Count == 0 ? "" : $" (+{e.Copies.Count} copies)";
                    Console.WriteLine($"      {finding.Articles[i]}{copies} {e.Reported:yyyy-MM-dd} \"{Normal(e.Claim.Text)}\" {{{e.Frame}}}");
                    Console.WriteLine($"          {Normal(e.Sentence.Text)}");
                }

                Console.WriteLine($"    {finding.Key} | ");
            }
        }

        return 0;
    }
}
