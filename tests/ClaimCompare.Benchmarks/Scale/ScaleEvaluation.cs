using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using ClaimCompare.Benchmarks.Similarity;

namespace ClaimCompare.Benchmarks.Scale;

/// <summary>
/// The scale benchmarks, each running the real <c>claimcompare</c> process on generated input written to disk:
/// <c>reprints</c> (a wire story reprinted N times), <c>bigdoc</c> (one article of 128 KB to 8 MB) and <c>dedup</c>
/// (the syndication corpus, against another build such as the baseline). Each reports wall time, peak resident memory
/// (from <c>/usr/bin/time</c>), output size and what the output says.
/// </summary>
internal static class ScaleEvaluation
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    public static int Reprints(string[] args)
    {
        var sizes = Sizes(args, "--reprints", [250, 1000, 5000]);
        var cli = Option(args, "--cli") ?? DefaultCli();
        var work = Option(args, "--work") ?? Path.Combine(Path.GetTempPath(), "claimcompare-reprints");
        var fixtures = FixtureReport.FindFixtures();
        Console.WriteLine($"cli: {cli}");
        Console.WriteLine("reprints  docs   input_MB  wall_s   cpu_s  peak_MB  output_MB  findings  conflicts  changed  recall  false_conflicts  exit");
        foreach (var size in sizes)
        {
            var folder = Path.Combine(work, size.ToString(Inv));
            if (Directory.Exists(folder))
            {
                Directory.Delete(folder, recursive: true);
            }

            var changes = ReprintCorpus.Write(folder, fixtures, size);
            var inputBytes = Directory.GetFiles(folder, "*.txt").Sum(f => new FileInfo(f).Length);
            var output = Path.Combine(work, $"report-{size}.json");
            var run = RunCli(cli, ["report", folder, "--format", "json"], output);
            var (findings, conflicts, found, falseConflicts) = run.ExitCode is 0 or 2 ? ScoreReprints(output, changes) : (0, 0, 0, 0);
            Console.WriteLine(string.Create(Inv,
                $"{size,8}  {size + 5,5}  {inputBytes / 1e6,8:0.00}  {run.Seconds,6:0.00}  {run.CpuSeconds,6:0.00}  {run.PeakMegabytes,7:0}  {new FileInfo(output).Length / 1e6,9:0.00}  {findings,8}  {conflicts,9}  {changes.Count,7}  {(changes.Count == 0 ? 1 : (double)found / changes.Count),6:0.000}  {falseConflicts,15}  {run.ExitCode,4}"));
            if (args.Contains("--explain"))
            {
                Explain(output);
            }
        }

        Console.WriteLine("recall: changed figures that stand in a conflict (as the representative or a member of a wording); false_conflicts: conflicts with no changed figure, other than the fixtures' own (about 3,000 vs more than 10,000 troops).");
        return 0;
    }

    public static int BigDocuments(string[] args)
    {
        var sizes = Sizes(args, "--kb", [128, 512, 2048, 8192]);
        var kinds = (Option(args, "--kinds") ?? "prose,quotes,nowhitespace,numberwords").Split(',');
        var formats = (Option(args, "--formats") ?? "json").Split(',');
        var cli = Option(args, "--cli") ?? DefaultCli();
        var work = Option(args, "--work") ?? Path.Combine(Path.GetTempPath(), "claimcompare-bigdoc");
        Directory.CreateDirectory(work);
        var fixtures = FixtureReport.FindFixtures();
        Console.WriteLine($"cli: {cli}");
        Console.WriteLine("kind           KB  format    wall_s   cpu_s  peak_MB  output_MB  findings  omitted  exit");
        foreach (var kind in kinds)
        {
            foreach (var kb in sizes)
            {
                var file = Path.Combine(work, $"{kind}-{kb}.txt");
                File.WriteAllText(file, BigDocument.Generate(kind, kb * 1024, fixtures), new UTF8Encoding(false));
                foreach (var format in formats)
                {
                    var output = Path.Combine(work, $"{kind}-{kb}.{format}");
                    var run = RunCli(cli, ["report", file, "--format", format], output);
                    var (findings, omitted) = format == "json" && run.ExitCode == 0 ? CountFindings(output) : (-1, -1);
                    Console.WriteLine(string.Create(Inv,
                        $"{kind,-12} {kb,5}  {format,-8} {run.Seconds,7:0.00}  {run.CpuSeconds,6:0.00}  {run.PeakMegabytes,7:0}  {new FileInfo(output).Length / 1e6,9:0.00}  {findings,8}  {omitted,7}  {run.ExitCode,4}"));
                    if (run.ExitCode != 0)
                    {
                        Console.WriteLine("  stderr: " + run.Error.Split('\n').FirstOrDefault());
                    }
                }

                File.Delete(file);
            }
        }

        return 0;
    }

    /// <summary>
    /// <c>files</c>: one folder of N generated documents of the same size, each distinct (a seed of its own), run through
    /// each command; prints wall and CPU time and peak memory at each N, and for <c>split</c> the limit of issue #9 (twice
    /// the largest file plus 100 MB), so that growth with the number of huge documents shows at N and 4N.
    /// </summary>
    /// <remarks>e.g. <c>files --mb 64 --files 1,2,4 --commands split-json,split-text</c>, or
    /// <c>files --mb 4 --files 1,4 --commands report,dedup</c>. The documents are written once; the folder of each N links
    /// to the first N.</remarks>
    public static int Files(string[] args)
    {
        var counts = Sizes(args, "--files", [1, 2, 4]);
        var megabytes = double.Parse(Option(args, "--mb") ?? "64", Inv);
        var kind = Option(args, "--kind") ?? "prose";
        var commands = (Option(args, "--commands") ?? "split-json,split-text").Split(',');
        var clis = (Option(args, "--cli") ?? DefaultCli()).Split(',');
        var work = Option(args, "--work") ?? Path.Combine(Path.GetTempPath(), "claimcompare-files");
        var fixtures = FixtureReport.FindFixtures();
        var characters = (int)(megabytes * 1024 * 1024);
        var files = Path.Combine(work, "files");
        Directory.CreateDirectory(files);
        for (var i = 0; i < counts.Max(); i++)
        {
            var file = Path.Combine(files, string.Create(Inv, $"{kind}-{megabytes}-{i:D3}.txt"));
            if (!File.Exists(file))
            {
                File.WriteAllText(file, BigDocument.Generate(kind, characters, fixtures, seed: 0xB16D0C + (ulong)i), new UTF8Encoding(false));
            }
        }

        Console.WriteLine("command     files  each_MB  input_MB  wall_s   cpu_s  peak_MB  limit_MB  output_MB  exit  build");
        foreach (var count in counts)
        {
            var folder = Path.Combine(work, count.ToString(Inv));
            Directory.CreateDirectory(folder);
            var names = Enumerable.Range(0, count).Select(i => string.Create(Inv, $"{kind}-{megabytes}-{i:D3}.txt")).ToList();
            foreach (var name in names)
            {
                var link = Path.Combine(folder, name);
                if (!File.Exists(link))
                {
                    File.CreateSymbolicLink(link, Path.Combine(files, name));
                }
            }

            var sizes = names.Select(n => new FileInfo(Path.Combine(files, n)).Length).ToList();
            var limit = ((2 * sizes.Max()) + (100 * 1024 * 1024)) / 1048576.0;
            foreach (var command in commands)
            {
                string[] arguments = command switch
                {
                    "split-json" => ["split", folder, "--format", "json", "--max-bytes", "1000000000"],
                    "split-text" => ["split", folder, "--format", "text", "--max-bytes", "1000000000"],
                    "report" => ["report", folder, "--format", "json", "--max-bytes", "1000000000"],
                    "dedup" => ["dedup", folder, "--format", "json", "--max-bytes", "1000000000"],
                    _ => throw new ArgumentException($"unknown command {command}: split-json, split-text, report or dedup"),
                };
                for (var c = 0; c < clis.Length; c++)
                {
                    var output = Path.Combine(work, $"{command}-{count}-{c}.out");
                    var run = RunCli(clis[c], arguments, output);
                    Console.WriteLine(string.Create(Inv,
                        $"{command,-10} {count,6}  {megabytes,7:0.#}  {sizes.Sum() / 1048576.0,8:0.0}  {run.Seconds,6:0.00}  {run.CpuSeconds,6:0.00}  {run.PeakMegabytes,7:0}  {(command.StartsWith("split", StringComparison.Ordinal) ? limit.ToString("0", Inv) : "-"),8}  {new FileInfo(output).Length / 1048576.0,9:0.0}  {run.ExitCode,4}  {c}"));
                    if (run.ExitCode is not (0 or 2))
                    {
                        Console.WriteLine("  stderr: " + run.Error.Split('\n').FirstOrDefault());
                    }
                }
            }
        }

        for (var c = 0; c < clis.Length; c++)
        {
            Console.WriteLine($"build {c}: {clis[c]}");
        }

        return 0;
    }

    public static int Dedup(string[] args)
    {
        var documents = int.Parse(Option(args, "--docs") ?? "2500", Inv);
        var clis = (Option(args, "--cli") ?? DefaultCli()).Split(',');
        var runs = int.Parse(Option(args, "--runs") ?? "3", Inv);
        var work = Option(args, "--work") ?? Path.Combine(Path.GetTempPath(), "claimcompare-dedup");
        var folder = Path.Combine(work, documents.ToString(Inv));
        if (Directory.Exists(folder))
        {
            Directory.Delete(folder, recursive: true);
        }

        Directory.CreateDirectory(folder);
        var corpus = SyndicationCorpus.Generate(documents, FixtureReport.FindFixtures());
        var passageOf = new Dictionary<(string Document, int Start), (int Document, int Passage)>();
        using (var manifest = new StreamWriter(Path.Combine(folder, "sources.json")))
        {
            manifest.WriteLine("{ \"story\": \"syndication\", \"documents\": [");
            for (var d = 0; d < corpus.Documents.Count; d++)
            {
                var document = corpus.Documents[d];
                File.WriteAllText(Path.Combine(folder, document.Id + ".txt"), document.OriginalText, new UTF8Encoding(false));
                foreach (var passage in document.Passages)
                {
                    passageOf[(document.Id, passage.Start)] = (d, passage.Index);
                }

                manifest.WriteLine(string.Create(Inv, $"  {{ \"id\": \"{document.Id}\", \"file\": \"{document.Id}.txt\", \"date\": \"{document.Date:yyyy-MM-dd}\", \"outlet\": \"{document.Outlet}\" }}{(d + 1 < corpus.Documents.Count ? "," : "")}"));
            }

            manifest.WriteLine("] }");
        }

        var inputBytes = Directory.GetFiles(folder, "*.txt").Sum(f => new FileInfo(f).Length);
        Console.WriteLine(string.Create(Inv, $"{corpus.Documents.Count} documents, {inputBytes / 1e6:0.00} MB, {corpus.TruePairs.Count} true pairs; {runs} runs per build, alternating"));
        Console.WriteLine("build  run  wall_s   cpu_s  peak_MB  output_MB  clusters  implied_pairs  precision  recall");
        for (var r = 0; r < runs; r++)
        {
            for (var c = 0; c < clis.Length; c++)
            {
                var output = Path.Combine(work, $"dedup-{c}.json");
                var run = RunCli(clis[c], ["dedup", folder, "--format", "json"], output);
                var (clusters, implied, hits) = ScoreDedup(output, passageOf, corpus.TruePairs);
                Console.WriteLine(string.Create(Inv,
                    $"{c,5}  {r,3}  {run.Seconds,6:0.00}  {run.CpuSeconds,6:0.00}  {run.PeakMegabytes,7:0}  {new FileInfo(output).Length / 1e6,9:0.00}  {clusters,8}  {implied,13}  {(implied == 0 ? 1 : (double)hits / implied),9:0.000}  {(double)hits / corpus.TruePairs.Count,6:0.000}"));
            }
        }

        for (var c = 0; c < clis.Length; c++)
        {
            Console.WriteLine($"build {c}: {clis[c]}");
        }

        if (args.Contains("--misses"))
        {
            // The true pairs each build misses and another finds, with both texts: why recall differs between builds.
            var found = new HashSet<(int, int, int, int)>[clis.Length];
            for (var c = 0; c < clis.Length; c++)
            {
                found[c] = ImpliedTruePairs(Path.Combine(work, $"dedup-{c}.json"), passageOf, corpus.TruePairs);
            }

            for (var c = 0; c < clis.Length; c++)
            {
                var missed = corpus.TruePairs.Where(t => !found[c].Contains(t)).OrderBy(t => t).ToList();
                Console.WriteLine(string.Create(Inv, $"build {c} misses {missed.Count} true pairs"));
                foreach (var (da, pa, db, pb) in missed.Take(40))
                {
                    var others = string.Join(",", Enumerable.Range(0, clis.Length).Where(o => found[o].Contains((da, pa, db, pb))));
                    Console.WriteLine(string.Create(Inv, $"  {corpus.Documents[da].Id}#{pa} ~ {corpus.Documents[db].Id}#{pb} (found by: {(others.Length == 0 ? "none" : others)})"));
                    Console.WriteLine("    A: " + corpus.Documents[da].Passages.First(p => p.Index == pa).Text);
                    Console.WriteLine("    B: " + corpus.Documents[db].Passages.First(p => p.Index == pb).Text);
                }
            }
        }

        Console.WriteLine("Pairs are those a cluster implies (every two members in different documents), matched to the truth by document and passage start.");
        return 0;
    }

    private sealed record Run(double Seconds, double PeakMegabytes, int ExitCode, string Error)
    {
        /// <summary>User plus system CPU seconds (from /usr/bin/time), less sensitive than wall time to a busy machine.</summary>
        public double CpuSeconds { get; init; }
    }

    /// <summary>Runs the CLI with stdout to a file, under /usr/bin/time when present for the peak resident size.</summary>
    private static Run RunCli(string cli, string[] arguments, string outputFile)
    {
        var time = File.Exists("/usr/bin/time") ? "/usr/bin/time" : null;
        var start = new ProcessStartInfo(time ?? cli)
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        if (time is not null)
        {
            start.ArgumentList.Add("-f");
            start.ArgumentList.Add("@@peak %M %U %S");
            start.ArgumentList.Add(cli);
        }

        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        var clock = Stopwatch.StartNew();
        using var process = Process.Start(start)!;
        using var file = File.Create(outputFile);
        var copy = process.StandardOutput.BaseStream.CopyToAsync(file);
        var error = process.StandardError.ReadToEndAsync();
        process.WaitForExit();
        copy.Wait();
        var seconds = clock.Elapsed.TotalSeconds;
        var stderr = error.Result;
        var peak = 0.0;
        var cpu = 0.0;
        var marker = stderr.LastIndexOf("@@peak ", StringComparison.Ordinal);
        if (marker >= 0)
        {
            var fields = stderr[(marker + 7)..].Split((char[]?)null, 4, StringSplitOptions.RemoveEmptyEntries);
            peak = double.Parse(fields[0], Inv) / 1024;
            cpu = double.Parse(fields[1], Inv) + double.Parse(fields[2], Inv);
        }

        return new Run(seconds, peak, process.ExitCode, stderr) { CpuSeconds = cpu };
    }

    private static (int Findings, int Conflicts, int Found, int FalseConflicts) ScoreReprints(string output, List<ReprintCorpus.Change> changes)
    {
        using var stream = File.OpenRead(output);
        using var json = JsonDocument.Parse(stream);
        var root = json.RootElement;
        var lists = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        if (root.TryGetProperty("member_lists", out var memberLists))
        {
            foreach (var list in memberLists.EnumerateArray())
            {
                lists[list.GetProperty("id").GetString()!] = [.. list.GetProperty("documents").EnumerateArray().Select(d => d.GetString()!)];
            }
        }

        var changed = changes.ToDictionary(c => c.Document, StringComparer.Ordinal);
        var found = new HashSet<string>(StringComparer.Ordinal);
        int findings = 0, conflicts = 0, falseConflicts = 0;
        foreach (var finding in root.GetProperty("findings").EnumerateArray())
        {
            findings++;
            if (finding.GetProperty("kind").GetString() != "conflict")
            {
                continue;
            }

            conflicts++;
            var any = false;
            var claims = new List<string>();
            foreach (var evidence in finding.GetProperty("evidence").EnumerateArray())
            {
                var claim = evidence.GetProperty("claim").GetProperty("text").GetString()!;
                claims.Add(claim);
                var documents = evidence.TryGetProperty("members", out var members) && members.ValueKind == JsonValueKind.String
                    ? lists[members.GetString()!]
                    : [evidence.GetProperty("document").GetString()!];
                foreach (var document in documents)
                {
                    if (changed.TryGetValue(document, out var change) && claim.Contains(change.Text, StringComparison.OrdinalIgnoreCase))
                    {
                        found.Add(document);
                        any = true;
                    }
                }
            }

            var fixtureConflict = claims.Any(c => c.Contains("3,000", StringComparison.Ordinal)) && claims.Any(c => c.Contains("10,000", StringComparison.Ordinal));
            if (!any && !fixtureConflict)
            {
                falseConflicts++;
            }
        }

        return (findings, conflicts, found.Count, falseConflicts);
    }

    private static void Explain(string output)
    {
        using var stream = File.OpenRead(output);
        using var json = JsonDocument.Parse(stream);
        foreach (var finding in json.RootElement.GetProperty("findings").EnumerateArray())
        {
            if (finding.GetProperty("kind").GetString() == "conflict")
            {
                Console.WriteLine("  " + finding.GetProperty("explanation").GetString());
            }
        }
    }

    private static (int Findings, int Omitted) CountFindings(string output)
    {
        using var stream = File.OpenRead(output);
        using var json = JsonDocument.Parse(stream);
        var omitted = json.RootElement.TryGetProperty("omitted", out var o) ? o.GetArrayLength() : 0;
        return (json.RootElement.GetProperty("findings").GetArrayLength(), omitted);
    }

    private static HashSet<(int, int, int, int)> ImpliedTruePairs(string output, Dictionary<(string, int), (int Document, int Passage)> passageOf, HashSet<(int, int, int, int)> truth)
    {
        using var stream = File.OpenRead(output);
        using var json = JsonDocument.Parse(stream);
        var hits = new HashSet<(int, int, int, int)>();
        foreach (var cluster in json.RootElement.GetProperty("clusters").EnumerateArray())
        {
            var members = new List<(int Document, int Passage)>();
            foreach (var member in cluster.GetProperty("members").EnumerateArray())
            {
                if (passageOf.TryGetValue((member.GetProperty("document").GetString()!, member.GetProperty("start").GetInt32()), out var p))
                {
                    members.Add(p);
                }
            }

            for (var i = 0; i < members.Count; i++)
            {
                for (var j = i + 1; j < members.Count; j++)
                {
                    var key = SyndicationCorpus.Order(members[i].Document, members[i].Passage, members[j].Document, members[j].Passage);
                    if (truth.Contains(key))
                    {
                        hits.Add(key);
                    }
                }
            }
        }

        return hits;
    }

    private static (int Clusters, long Implied, long Hits) ScoreDedup(string output, Dictionary<(string, int), (int Document, int Passage)> passageOf, HashSet<(int, int, int, int)> truth)
    {
        using var stream = File.OpenRead(output);
        using var json = JsonDocument.Parse(stream);
        var clusters = 0;
        long implied = 0, hits = 0;
        foreach (var cluster in json.RootElement.GetProperty("clusters").EnumerateArray())
        {
            clusters++;
            var members = new List<(int Document, int Passage)>();
            foreach (var member in cluster.GetProperty("members").EnumerateArray())
            {
                var key = (member.GetProperty("document").GetString()!, member.GetProperty("start").GetInt32());
                members.Add(passageOf.TryGetValue(key, out var p) ? p : (-1, -1));
            }

            for (var i = 0; i < members.Count; i++)
            {
                for (var j = i + 1; j < members.Count; j++)
                {
                    if (members[i].Document == members[j].Document && members[i].Document >= 0)
                    {
                        continue;
                    }

                    implied++;
                    if (members[i].Document >= 0 && members[j].Document >= 0
                        && truth.Contains(SyndicationCorpus.Order(members[i].Document, members[i].Passage, members[j].Document, members[j].Passage)))
                    {
                        hits++;
                    }
                }
            }
        }

        return (clusters, implied, hits);
    }

    private static int[] Sizes(string[] args, string name, int[] defaults) =>
        Option(args, name) is { } value ? Array.ConvertAll(value.Split(','), s => int.Parse(s, Inv)) : defaults;

    private static string? Option(string[] args, string name)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
    }

    /// <summary>The Release build of the CLI in this repository.</summary>
    private static string DefaultCli()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "src", "ClaimCompare.Cli", "bin", "Release", "net10.0", "claimcompare");
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new InvalidOperationException("Build the CLI first: dotnet build src/ClaimCompare.Cli -c Release (or pass --cli PATH).");
    }
}
