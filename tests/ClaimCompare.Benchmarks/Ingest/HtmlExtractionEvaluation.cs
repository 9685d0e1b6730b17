using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using ClaimCompare.Core.Ingest;
using ClaimCompare.Core.Text;

namespace ClaimCompare.Benchmarks.Ingest;

/// <summary>
/// <c>html-extraction [--show-held-out] [--method rules|readability|both]</c>: sentence recall and precision of HTML
/// main-content extraction against the known article text, on the fixture pages and on <see cref="PageLayouts"/>
/// (development and held-out layouts reported apart), and extraction throughput in MB/s.
/// <c>jsonl-dump --mb N --out FILE</c>: writes a JSON-lines dump of about N MB for the CLI's throughput figures.
/// </summary>
internal static class HtmlExtractionEvaluation
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    private static readonly Dictionary<string, string> Headlines = new()
    {
        ["000"] = "Russia, NATO Talks End Without Deal as Allies Urge Moscow to De-escalate",
        ["001"] = "NATO, Russia talks end with no deal; West hopes Kremlin will accept compromise",
        ["002"] = "Russia-Ukraine tensions: What we know so far",
        ["003"] = "Russia war fears: 3,000 troops begin drills near Ukraine as talks stall",
        ["004"] = "Russia, NATO Conclude Ukraine Crisis Talks: Live Updates",
    };

    public static int Run(string[] args)
    {
        var showHeldOut = args.Contains("--show-held-out");
        var methodArg = Option(args, "--method") ?? "both";
        var methods = methodArg switch
        {
            "rules" => new[] { HtmlExtractionMethod.Rules },
            "readability" => [HtmlExtractionMethod.Readability],
            _ => [HtmlExtractionMethod.Rules, HtmlExtractionMethod.Readability],
        };

        var fixtures = FindFixtures();
        var articles = Articles(fixtures);
        Console.WriteLine($"{articles.Count} articles x {PageLayouts.All.Count} layouts ({PageLayouts.All.Count(l => !l.HeldOut)} development, {PageLayouts.All.Count(l => l.HeldOut)} held out)");
        foreach (var method in methods)
        {
            var extractor = new HtmlArticleExtractor(new HtmlExtractionOptions { Method = method });
            Console.WriteLine();
            Console.WriteLine($"== {method}");
            var fixtureScore = FixturePages(fixtures, extractor);
            Console.WriteLine($"fixture pages (russia-nato-2022-html vs .txt): recall {fixtureScore.Recall:P1}, precision {fixtureScore.Precision:P1} ({fixtureScore.Truth} sentences)");
            Score dev = default, held = default;
            foreach (var layout in PageLayouts.All)
            {
                var score = default(Score);
                var failures = 0;
                foreach (var article in articles)
                {
                    var extraction = extractor.Extract(layout.Render(article));
                    failures += extraction.Succeeded ? 0 : 1;
                    score += Compare(layout.TruthOf(article), extraction.Article?.Text ?? "");
                }

                if (layout.HeldOut)
                {
                    held += score;
                }
                else
                {
                    dev += score;
                }

                if (!layout.HeldOut || showHeldOut)
                {
                    Console.WriteLine($"  {(layout.HeldOut ? "held-out" : "dev"),-8} {layout.Name,-32} recall {score.Recall,7:P1}  precision {score.Precision,7:P1}{(failures > 0 ? $"  ({failures} pages without content)" : "")}");
                }
            }

            Console.WriteLine($"development layouts: recall {dev.Recall:P1}, precision {dev.Precision:P1} ({dev.Truth} sentences)");
            Console.WriteLine($"held-out layouts:    recall {held.Recall:P1}, precision {held.Precision:P1} ({held.Truth} sentences)");
            Throughput(extractor, articles);
        }

        return 0;
    }

    /// <summary>Writes a JSON-lines dump of about <c>--mb</c> MB: the fixture articles varied (ids, paragraph order,
    /// figures), one line in five as an HTML page.</summary>
    public static int Dump(string[] args)
    {
        var megabytes = double.Parse(Option(args, "--mb") ?? "100", Inv);
        var output = Option(args, "--out") ?? "dump.jsonl";
        var articles = Articles(FindFixtures());
        var target = (long)(megabytes * 1024 * 1024);
        using var stream = new FileStream(output, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16);
        using var writer = new Utf8JsonWriter(stream);
        var written = 0L;
        var n = 0;
        var layouts = PageLayouts.All;
        while (written < target)
        {
            var article = articles[n % articles.Count];
            var paragraphs = article.Paragraphs.ToList();
            // Vary the copy: rotate the paragraphs and change one figure, as syndicated copies differ.
            var rotate = (n / articles.Count) % paragraphs.Count;
            paragraphs = [.. paragraphs.Skip(rotate), .. paragraphs.Take(rotate)];
            paragraphs[0] = paragraphs[0].Replace("100,000", (100_000 + (n % 50) * 1000).ToString("N0", Inv), StringComparison.Ordinal);
            var varied = article with { Paragraphs = paragraphs };
            writer.WriteStartObject();
            writer.WriteString("id", $"a{n:D7}");
            writer.WriteString("url", $"https://outlet{n % 97}.example/story/{n}");
            writer.WriteString("source", $"outlet{n % 97}.example");
            writer.WriteString("published", varied.Date.AddDays(n % 7).ToString("yyyy-MM-dd", Inv));
            writer.WriteString("title", varied.Title);
            if (n % 5 == 4)
            {
                writer.WriteString("html", layouts[n % layouts.Count].Render(varied));
            }
            else
            {
                writer.WriteString("text", string.Join("\n\n", varied.Paragraphs));
            }

            writer.WriteEndObject();
            writer.Flush();
            stream.WriteByte((byte)'\n');
            writer.Reset();
            written = stream.Position;
            n++;
        }

        Console.WriteLine($"{output}: {n:N0} articles, {written / 1048576.0:F1} MB");
        return 0;
    }

    private static void Throughput(HtmlArticleExtractor extractor, List<PageArticle> articles)
    {
        var pages = new List<string>();
        foreach (var layout in PageLayouts.All)
        {
            foreach (var article in articles)
            {
                pages.Add(layout.Render(article));
            }
        }

        var bytes = pages.Sum(p => (long)Encoding.UTF8.GetByteCount(p));
        foreach (var page in pages.Take(20))
        {
            extractor.Extract(page);
        }

        var timer = Stopwatch.StartNew();
        var rounds = 0;
        do
        {
            foreach (var page in pages)
            {
                extractor.Extract(page);
            }

            rounds++;
        }
        while (timer.Elapsed.TotalSeconds < 3);

        var mbps = bytes * rounds / 1048576.0 / timer.Elapsed.TotalSeconds;
        Console.WriteLine($"throughput: {mbps:F1} MB/s over {pages.Count} pages of {bytes / (double)pages.Count / 1024:F1} KB on average ({rounds} rounds, one thread)");

        // One big page: a long live blog of about 8 MB.
        var big = new StringBuilder("<html><body><nav><a href='/'>Home</a></nav><main>");
        var i = 0;
        while (big.Length < 8 * 1024 * 1024)
        {
            var article = articles[i++ % articles.Count];
            big.Append("<article class='post'><h2>").Append(article.Title).Append("</h2>");
            foreach (var p in article.Paragraphs)
            {
                big.Append("<p>").Append(System.Net.WebUtility.HtmlEncode(p)).Append("</p>");
            }

            big.Append("<div class='share'><a href='#'>Share</a></div></article>");
        }

        big.Append("</main></body></html>");
        var html = big.ToString();
        var before = GC.GetTotalAllocatedBytes();
        timer.Restart();
        var result = extractor.Extract(html);
        var seconds = timer.Elapsed.TotalSeconds;
        Console.WriteLine($"one {Encoding.UTF8.GetByteCount(html) / 1048576.0:F1} MB page: {seconds:F2} s ({Encoding.UTF8.GetByteCount(html) / 1048576.0 / seconds:F1} MB/s), {(GC.GetTotalAllocatedBytes() - before) / 1048576.0:F0} MB allocated, {result.Article?.Text.Length ?? 0:N0} characters extracted");
    }

    private static Score FixturePages(string fixtures, HtmlArticleExtractor extractor)
    {
        var score = default(Score);
        foreach (var id in Headlines.Keys)
        {
            var txt = File.ReadAllText(Directory.GetFiles(Path.Combine(fixtures, "russia-nato-2022"), id + "_*.txt").Single());
            var page = File.ReadAllBytes(Path.Combine(fixtures, "russia-nato-2022-html", "pages", id + ".html"));
            var extracted = extractor.Extract(page).Article?.Text ?? "";
            // The .txt has no headline (except 004's): the page's headline is what the page really adds.
            var truth = txt.Contains(Headlines[id], StringComparison.Ordinal) ? txt : Headlines[id] + "\n\n" + txt;
            score += Compare(Sentences(truth), extracted);
        }

        return score;
    }

    private static Score Compare(IReadOnlyList<string> truthParagraphs, string extracted) =>
        Compare(Sentences(string.Join("\n\n", truthParagraphs)), extracted);

    private static Score Compare(List<string> truth, string extracted)
    {
        var found = Sentences(extracted);
        var remaining = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var sentence in truth)
        {
            remaining[sentence] = remaining.GetValueOrDefault(sentence) + 1;
        }

        var hits = 0;
        foreach (var sentence in found)
        {
            if (remaining.GetValueOrDefault(sentence) > 0)
            {
                remaining[sentence]--;
                hits++;
            }
        }

        return new Score(truth.Count, found.Count, hits);
    }

    private static readonly TextPipeline Pipeline = new();

    private static List<string> Sentences(string text) =>
        text.Length == 0 ? [] : Pipeline.Process(new SourceDocument("x", text)).Passages.Select(p => string.Join(' ', p.Normalized.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries))).ToList();

    /// <summary>The fixture articles as clean paragraphs (the text pipeline's passages, boilerplate removed).</summary>
    private static List<PageArticle> Articles(string fixtures)
    {
        var manifest = SourceManifest.Parse(File.ReadAllText(Path.Combine(fixtures, "russia-nato-2022", SourceManifest.FileName)));
        var articles = new List<PageArticle>();
        foreach (var entry in manifest.Documents)
        {
            var text = File.ReadAllText(Path.Combine(fixtures, "russia-nato-2022", entry.File));
            var processed = Pipeline.Process(new SourceDocument(entry.Id, text));
            var paragraphs = processed.Passages
                .Where(p => !(p.Kind == PassageKind.Heading && p.Index == 0))
                .GroupBy(p => p.Paragraph)
                .Select(g => string.Join(' ', g.Select(p => p.Normalized)))
                .ToList();
            articles.Add(new PageArticle(Headlines[entry.Id], "Jane Doe", entry.Outlet ?? $"Outlet {entry.Id}", entry.Date ?? new DateOnly(2022, 1, 13), paragraphs));
        }

        return articles;
    }

    private static string FindFixtures()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "fixtures");
            if (Directory.Exists(Path.Combine(candidate, "russia-nato-2022-html")))
            {
                return candidate;
            }
        }

        throw new DirectoryNotFoundException("fixtures/russia-nato-2022-html not found above " + AppContext.BaseDirectory);
    }

    private static string? Option(string[] args, string name)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
    }

    private readonly record struct Score(int Truth, int Found, int Hits)
    {
        public double Recall => Truth == 0 ? 1 : Hits / (double)Truth;

        public double Precision => Found == 0 ? (Truth == 0 ? 1 : 0) : Hits / (double)Found;

        public static Score operator +(Score a, Score b) => new(a.Truth + b.Truth, a.Found + b.Found, a.Hits + b.Hits);
    }
}
