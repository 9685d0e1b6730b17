using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using ClaimCompare.Core.Comparison;
using ClaimCompare.Core.Reporting;
using ClaimCompare.Core.Text;

namespace ClaimCompare.Benchmarks.Evaluation;

/// <summary>
/// <c>eval frames [--set dev|heldout|all] [--show]</c>: runs the report pipeline on each labelled story of
/// Evaluation/Frames and scores its conflicts, agreements, updates and quote variants against the labelled pairs.
/// </summary>
/// <remarks>
/// A labelled pair is predicted <c>conflict</c> when one conflict finding holds one mention on each side (two
/// evidence entries whose values differ), <c>agree</c> or <c>update</c> when one finding of that kind holds both, else
/// <c>none</c>; a quote pair is predicted a variant when one quote-variant finding holds both. Pairs of a finding that
/// touch no labelled mention are counted as unjudged: they are neither right nor wrong here, and <c>--show</c> lists them.
/// </remarks>
internal static partial class FrameEvaluation
{
    private static readonly string[] FigureClasses = ["conflict", "agree", "update"];

    public static int Run(string[] paths, bool show)
    {
        var folder = Path.GetDirectoryName(paths[0])!;
        var figureScores = new Dictionary<string, TextEvaluation.Score>(StringComparer.Ordinal);
        foreach (var name in FigureClasses)
        {
            figureScores[name] = new TextEvaluation.Score();
        }

        var quoteScore = new TextEvaluation.Score();
        var confusion = new Dictionary<(string Gold, string Predicted), int>();
        var unjudged = new Dictionary<string, int>(StringComparer.Ordinal);
        var pairs = 0;
        var quotePairs = 0;
        foreach (var path in paths)
        {
            foreach (var (story, labels) in ReadLabels(path))
            {
                var documents = ReadStory(Path.Combine(folder, "stories", story + ".txt"));
                var report = new ComparisonReportBuilder().Build(documents);
                var texts = documents.ToDictionary(d => d.Id, d => d.OriginalText, StringComparer.Ordinal);
                var covered = new List<(string Document, int Start, int End)>();
                foreach (var label in labels)
                {
                    var a = Locate(texts, label.A, story);
                    var b = Locate(texts, label.B, story);
                    covered.Add(a);
                    covered.Add(b);
                    if (label.IsQuote)
                    {
                        quotePairs++;
                        var predicted = HoldsApart(report.Findings, FindingKind.QuoteVariant, a, b);
                        var gold = label.Label == "variant";
                        Count(quoteScore, gold, predicted);
                        if (show && gold != predicted)
                        {
                            Console.WriteLine($"  quote {story}: gold {label.Label}, predicted {(predicted ? "variant" : "none")}: {label.A} | {label.B}");
                            if (Environment.GetEnvironmentVariable("FRAMES_DEBUG") is not null)
                            {
                                Console.WriteLine($"      {QuoteAt(documents, a)}  ||  {QuoteAt(documents, b)}");
                            }
                        }

                        continue;
                    }

                    pairs++;
                    var prediction = Predict(report.Findings, a, b);
                    var goldClass = label.Label.StartsWith("different", StringComparison.Ordinal) ? "none" : label.Label;
                    confusion[(label.Label, prediction)] = confusion.GetValueOrDefault((label.Label, prediction)) + 1;
                    foreach (var name in FigureClasses)
                    {
                        Count(figureScores[name], goldClass == name, prediction == name);
                    }

                    if (show && goldClass != prediction)
                    {
                        Console.WriteLine($"  figure {story}: gold {label.Label}, predicted {prediction}: {label.A} | {label.B}  ({label.Note})");
                        if (Environment.GetEnvironmentVariable("FRAMES_DEBUG") is not null)
                        {
                            Console.WriteLine($"      {FrameAt(documents, a)}  ||  {FrameAt(documents, b)}");
                            Console.WriteLine($"      {PairWhy(documents, a, b)}");
                        }
                    }
                }

                CountUnjudged(report, covered, unjudged, show ? story : null);
                if (show && Environment.GetEnvironmentVariable("FRAMES_DEBUG") is not null)
                {
                    foreach (var finding in report.Findings.Where(f => f.Kind is FindingKind.Conflict or FindingKind.Update or FindingKind.QuoteVariant))
                    {
                        Console.WriteLine($"  {finding.Kind.ToWireName()} {story}: {finding.Explanation}");
                        foreach (var e in finding.Evidence)
                        {
                            Console.WriteLine($"      {e.Document} {e.Value} {{{e.Frame}}}");
                        }
                    }
                }
            }
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"frames: {pairs} figure pairs, {quotePairs} quote pairs"));
        foreach (var name in FigureClasses)
        {
            Console.WriteLine($"  {name,-14} {figureScores[name].Format()}");
        }

        Console.WriteLine($"  {"quote-variant",-14} {quoteScore.Format()}");
        Console.WriteLine("  labelled pairs by gold label -> predicted:");
        foreach (var group in confusion.OrderBy(c => c.Key.Gold, StringComparer.Ordinal).ThenBy(c => c.Key.Predicted, StringComparer.Ordinal))
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"    {group.Key.Gold,-20} -> {group.Key.Predicted,-9} {group.Value,4}"));
        }

        Console.WriteLine("  unjudged finding pairs (no labelled mention on either side): "
            + string.Join(", ", unjudged.OrderBy(u => u.Key, StringComparer.Ordinal).Select(u => $"{u.Key} {u.Value}")));
        return 0;
    }

    /// <summary>
    /// <c>eval frames --pool</c>: every story of the set in one report, as a service fed an unsorted stream would build it;
    /// a conflict, update, quote variant or agreement whose evidence spans two stories joins unrelated events and is
    /// false by construction. Prints how many findings of each kind join stories (and, with <paramref name="show"/>, each one).
    /// With <paramref name="shift"/>, each story's dates are moved (days apart kept) so that every story starts on 1 January
    /// 2020: the stories then stand in one period as a month of news does, and only what the frames read (measure, entity,
    /// place, named periods) keeps them apart.
    /// </summary>
    public static int RunPooled(string[] paths, bool show, bool shift)
    {
        var folder = Path.GetDirectoryName(paths[0])!;
        var documents = new List<ProcessedDocument>();
        var storyOf = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var path in paths)
        {
            foreach (var (story, _) in ReadLabels(path))
            {
                var storyDocuments = ReadStory(Path.Combine(folder, "stories", story + ".txt"), story + "/", shift ? new DateOnly(2020, 1, 1) : null);
                foreach (var document in storyDocuments)
                {
                    documents.Add(document);
                    storyOf[document.Id] = story;
                }
            }
        }

        var report = new ComparisonReportBuilder().Build(documents);
        var total = new Dictionary<string, int>(StringComparer.Ordinal);
        var joined = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var finding in report.Findings)
        {
            if (finding.Kind is not (FindingKind.Conflict or FindingKind.QuoteVariant or FindingKind.Agree) && finding.Kind.ToWireName() != "update")
            {
                continue;
            }

            var name = finding.Kind.ToWireName();
            total[name] = total.GetValueOrDefault(name) + 1;
            var stories = finding.Evidence.SelectMany(EvidenceSpans).Select(s => storyOf[s.Document]).Distinct(StringComparer.Ordinal).Count();
            if (stories < 2)
            {
                continue;
            }

            joined[name] = joined.GetValueOrDefault(name) + 1;
            if (show)
            {
                Console.WriteLine($"  {name} across stories: {finding.Explanation}");
                foreach (var e in finding.Evidence)
                {
                    Console.WriteLine($"      {e.Document} {e.Value} {{{e.Frame}}} {e.Claim.Text}");
                }
            }
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"frames pooled: {documents.Count} documents of {storyOf.Values.Distinct(StringComparer.Ordinal).Count()} stories in one report"));
        foreach (var name in total.Keys.Order(StringComparer.Ordinal))
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {name,-14} {total[name],4} findings, {joined.GetValueOrDefault(name),4} join two stories (false)"));
        }

        return 0;
    }

    /// <summary>The labelled pairs of one set file, grouped by story.</summary>
    internal static List<(string Story, List<LabelledPair> Pairs)> ReadLabels(string path)
    {
        var stories = new List<(string, List<LabelledPair>)>();
        foreach (var raw in File.ReadLines(path))
        {
            var line = raw.TrimEnd();
            if (line.StartsWith("## ", StringComparison.Ordinal))
            {
                stories.Add((line[3..].Trim(), []));
                continue;
            }

            if (!(line.StartsWith("F ", StringComparison.Ordinal) || line.StartsWith("Q ", StringComparison.Ordinal)))
            {
                continue;
            }

            var parts = line[2..].Split(" | ");
            if (parts.Length < 3 || stories.Count == 0)
            {
                throw new FormatException($"{path}: cannot read '{line}'");
            }

            stories[^1].Item2.Add(new LabelledPair(line[0] == 'Q', Mention.Parse(parts[0]), Mention.Parse(parts[1]), parts[2].Trim(), parts.Length > 3 ? parts[3].Trim() : ""));
        }

        return stories;
    }

    /// <summary>A story file's articles through the real text pipeline, with their dates and outlets.</summary>
    /// <param name="path">The story file.</param>
    /// <param name="prefix">Put in front of each document id (a pooled run keeps the stories' ids apart).</param>
    /// <param name="start">When set, the dates are moved so that the earliest is this day (days between them kept).</param>
    internal static IReadOnlyList<ProcessedDocument> ReadStory(string path, string prefix = "", DateOnly? start = null)
    {
        var offset = 0;
        if (start is { } first)
        {
            var earliest = File.ReadLines(path).Where(l => l.StartsWith("@@ ", StringComparison.Ordinal))
                .Select(l => DateOnly.TryParseExact(l[3..].Split(" | ")[1].Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var e) ? e : (DateOnly?)null)
                .Where(e => e is not null).Min();
            offset = earliest is { } e0 ? first.DayNumber - e0.DayNumber : 0;
        }

        var pipeline = new TextPipeline();
        var documents = new List<ProcessedDocument>();
        string? header = null;
        var text = new StringBuilder();
        foreach (var line in File.ReadLines(path))
        {
            if (line.StartsWith("@@ ", StringComparison.Ordinal))
            {
                Flush();
                header = line;
                text.Clear();
            }
            else if (header is not null)
            {
                text.Append(line).Append('\n');
            }
        }

        Flush();
        return documents;

        void Flush()
        {
            if (header is null)
            {
                return;
            }

            var fields = header[3..].Split(" | ");
            DateOnly? date = DateOnly.TryParseExact(fields[1].Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) ? d.AddDays(offset) : null;
            var source = new SourceDocument(prefix + fields[0].Trim(), text.ToString()) { Date = date, Outlet = fields[2].Trim(), Path = fields[3].Trim(), Language = "en" };
            documents.Add(pipeline.Process(source));
        }
    }

    /// <summary>The frame the reader gives the figure at a labelled mention (for --show with FRAMES_DEBUG set).</summary>
    private static string FrameAt(IReadOnlyList<ProcessedDocument> documents, (string Document, int Start, int End) mention)
    {
        var document = documents.First(d => d.Id == mention.Document);
        var claims = ClaimCompare.Core.Claims.ClaimExtractor.Extract(document);
        var figure = claims.Figures.FirstOrDefault(f => f.Start < mention.End && mention.Start < f.End);
        if (figure is null)
        {
            return "(no figure extracted)";
        }

        var frame = FrameReader.Read(figure, document, claims.People);
        return $"{figure.Text}/{figure.Kind}/{figure.Unit}/{figure.Direction}/{figure.Noun}<{string.Join(",", figure.Context)}>: {frame.Describe()} [{string.Join(",", frame.Facets)}]{(frame.Moving ? " moving" : "")}";
    }

    /// <summary>The quote the extractor reads at a labelled mention, with its speaker (for --show with FRAMES_DEBUG set).</summary>
    private static string QuoteAt(IReadOnlyList<ProcessedDocument> documents, (string Document, int Start, int End) mention)
    {
        var document = documents.First(d => d.Id == mention.Document);
        var quote = ClaimCompare.Core.Claims.ClaimExtractor.Extract(document).Quotes.FirstOrDefault(q => q.Start < mention.End && mention.Start < q.End);
        return quote is null ? "(no quote extracted)" : $"[{quote.Speaker ?? "no speaker"}] {quote.Text[..Math.Min(80, quote.Text.Length)]}";
    }

    /// <summary>Why the aligner would or would not compare two labelled mentions (for --show with FRAMES_DEBUG set).</summary>
    private static string PairWhy(IReadOnlyList<ProcessedDocument> documents, (string Document, int Start, int End) a, (string Document, int Start, int End) b)
    {
        (ClaimCompare.Core.Claims.Figure Figure, ClaimFrame Frame, HashSet<string> Context, string? Main)? Get((string Document, int Start, int End) m)
        {
            var document = documents.First(d => d.Id == m.Document);
            var claims = ClaimCompare.Core.Claims.ClaimExtractor.Extract(document);
            var figure = claims.Figures.FirstOrDefault(f => f.Start < m.End && m.Start < f.End);
            if (figure is null)
            {
                return null;
            }

            var nounKey = figure.Noun is { Length: > 0 } noun ? TopicLexicon.Key(noun) : "";
            var context = figure.Context.Select(TopicLexicon.Key).Where(k => k != nounKey).ToHashSet(StringComparer.Ordinal);
            return (figure, FrameReader.Read(figure, document, claims.People), context, FrameReader.MainEntity(document, claims.People));
        }

        if (Get(a) is not { } x || Get(b) is not { } y)
        {
            return "no figure";
        }

        var shared = x.Context.Count(y.Context.Contains);
        var dice = x.Context.Count + y.Context.Count == 0 ? 0 : 2.0 * shared / (x.Context.Count + y.Context.Count);
        return string.Create(CultureInfo.InvariantCulture,
            $"block {FigureAligner.BlockNoun(x.Figure, x.Figure.Noun is { Length: > 0 } nx ? TopicLexicon.Key(nx) : "")}/{FigureAligner.BlockNoun(y.Figure, y.Figure.Noun is { Length: > 0 } ny ? TopicLexicon.Key(ny) : "")} match {FrameReader.Compare(x.Frame, y.Frame, false)} canDiffer {FrameReader.CanDiffer(x.Frame, y.Frame)} dice {dice:0.00} overlap {x.Figure.Overlaps(y.Figure)} roles {x.Frame.Role}/{y.Frame.Role} times {x.Frame.Time?.Label}/{y.Frame.Time?.Label} rep {x.Frame.Reported}/{y.Frame.Reported} subj {x.Frame.Subject}/{y.Frame.Subject} place {x.Frame.Place}/{y.Frame.Place} head {x.Frame.Head}/{y.Frame.Head} near {string.Join(",", x.Frame.NearParties)}/{string.Join(",", y.Frame.NearParties)} main {x.Main}/{y.Main} entity {FrameReader.SameEntityOf(x.Frame, x.Main, y.Frame, y.Main)}");
    }

    private static (string Document, int Start, int End) Locate(Dictionary<string, string> texts, Mention mention, string story)
    {
        if (!texts.TryGetValue(mention.Document, out var text))
        {
            throw new InvalidDataException($"{story}: no document {mention.Document}");
        }

        var pattern = string.Join(@"\s+", mention.Text.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(Regex.Escape));
        var matches = Regex.Matches(text, pattern, RegexOptions.CultureInvariant);
        if (matches.Count < mention.Occurrence)
        {
            throw new InvalidDataException($"{story}/{mention.Document}: \"{mention.Text}\" #{mention.Occurrence} not found");
        }

        var match = matches[mention.Occurrence - 1];
        return (mention.Document, match.Index, match.Index + match.Length);
    }

    private static bool Covers(Evidence evidence, (string Document, int Start, int End) mention) =>
        EvidenceSpans(evidence).Any(s => s.Document == mention.Document && s.Start < mention.End && mention.Start < s.End);

    /// <summary>Every span an evidence entry stands for: its own claim (and, where the report folds copies, theirs).</summary>
    private static IEnumerable<(string Document, int Start, int End)> EvidenceSpans(Evidence evidence)
    {
        yield return (evidence.Document, evidence.Claim.Start, evidence.Claim.End);
        foreach (var copy in evidence.Copies)
        {
            yield return (copy.Document, copy.Start, copy.End);
        }
    }

    /// <summary>
    /// Whether one finding of <paramref name="kind"/> holds the two mentions as two wordings: evidence entries whose words
    /// differ. Two mentions in one wording of a quote-variant finding (an article and the copy printing its words) are
    /// identical, whatever other wordings the finding holds, as two mentions on one side of a conflict agree.
    /// </summary>
    private static bool HoldsApart(IReadOnlyList<Finding> findings, FindingKind kind, (string, int, int) a, (string, int, int) b)
    {
        foreach (var finding in findings)
        {
            if (finding.Kind != kind)
            {
                continue;
            }

            foreach (var x in finding.Evidence.Where(e => Covers(e, a)))
            {
                if (finding.Evidence.Any(y => Covers(y, b) && !string.Equals(x.Claim.Text, y.Claim.Text, StringComparison.Ordinal)))
                {
                    return true;
                }
            }
        }

        return false;
    }

    private static string Predict(IReadOnlyList<Finding> findings, (string, int, int) a, (string, int, int) b)
    {
        foreach (var finding in findings)
        {
            if (finding.Kind == FindingKind.Conflict)
            {
                foreach (var x in finding.Evidence.Where(e => Covers(e, a)))
                {
                    if (finding.Evidence.Any(y => Covers(y, b) && OppositeSides(x, y)))
                    {
                        return "conflict";
                    }
                }
            }
        }

        foreach (var finding in findings)
        {
            if (finding.Kind.ToWireName() == "update")
            {
                foreach (var x in finding.Evidence.Where(e => Covers(e, a)))
                {
                    if (finding.Evidence.Any(y => Covers(y, b) && OppositeSides(x, y)))
                    {
                        return "update";
                    }
                }
            }
        }

        foreach (var finding in findings)
        {
            if (finding.Kind == FindingKind.Agree && finding.Evidence.Any(e => Covers(e, a)) && finding.Evidence.Any(e => Covers(e, b)))
            {
                return "agree";
            }
        }

        return "none";
    }

    /// <summary>
    /// Whether two evidence entries of a conflict stand on opposite sides: their intervals (the part of the value after
    /// " = ") are disjoint. Entries of one side overlap (they agree with each other).
    /// </summary>
    private static bool OppositeSides(Evidence x, Evidence y)
    {
        if (ReadInterval(x.Value) is not { } a || ReadInterval(y.Value) is not { } b)
        {
            return !string.Equals(x.Value, y.Value, StringComparison.Ordinal);
        }

        // An interval open at an end where the other starts ("[15.5bn, 16.5bn)" and "[16.5bn, 17.5bn)") is disjoint from it.
        return a.High < b.Low || b.High < a.Low
            || (a.High == b.Low && !(a.HighInclusive && b.LowInclusive))
            || (b.High == a.Low && !(b.HighInclusive && a.LowInclusive));
    }

    /// <summary>Reads "… = [2,550, 3,450]", "… = (10,000, ∞)", "… = [15.5, 16.5)", "… = 100" or "… = year 2014": the bounds and whether each is included.</summary>
    private static (double Low, double High, bool LowInclusive, bool HighInclusive)? ReadInterval(string? value)
    {
        if (ReadBounds(value) is not { } bounds)
        {
            return null;
        }

        var text = value!;
        var tail = text[(text.LastIndexOf(" = ", StringComparison.Ordinal) + 3)..].TrimEnd();
        return (bounds.Low, bounds.High, !tail.StartsWith('('), !tail.EndsWith(')'));
    }

    private static (double Low, double High)? ReadBounds(string? value)
    {
        var at = value?.LastIndexOf(" = ", StringComparison.Ordinal) ?? -1;
        if (at < 0)
        {
            return null;
        }

        var numbers = NumberPattern().Matches(value![(at + 3)..]);
        double Parse(Match m) => m.Value == "∞" ? double.PositiveInfinity : m.Value == "−∞" ? double.NegativeInfinity : double.Parse(m.Value.Replace(",", "", StringComparison.Ordinal), CultureInfo.InvariantCulture);
        return numbers.Count switch
        {
            1 => (Parse(numbers[0]), Parse(numbers[0])),
            >= 2 => (Parse(numbers[0]), Parse(numbers[1])),
            _ => null,
        };
    }

    [GeneratedRegex(@"−∞|∞|-?\d[\d,]*(?:\.\d+)?", RegexOptions.CultureInvariant)]
    private static partial Regex NumberPattern();

    private static void CountUnjudged(ComparisonReport report, List<(string Document, int Start, int End)> covered, Dictionary<string, int> unjudged, string? showStory)
    {
        foreach (var finding in report.Findings)
        {
            if (finding.Kind is not (FindingKind.Conflict or FindingKind.QuoteVariant) && finding.Kind.ToWireName() != "update" && finding.Kind != FindingKind.Agree)
            {
                continue;
            }

            var touches = finding.Evidence.Any(e => covered.Any(c => Covers(e, c)));
            if (touches)
            {
                continue;
            }

            var name = finding.Kind.ToWireName();
            unjudged[name] = unjudged.GetValueOrDefault(name) + 1;
            if (showStory is not null && finding.Kind != FindingKind.Agree)
            {
                Console.WriteLine($"  unjudged {name} {showStory}: {string.Join(" | ", finding.Evidence.Select(e => e.Document + " " + e.Claim.Text).Distinct().Take(4))}");
            }
        }
    }

    private static void Count(TextEvaluation.Score score, bool gold, bool predicted)
    {
        if (gold && predicted)
        {
            score.TruePositives++;
        }
        else if (predicted)
        {
            score.FalsePositives++;
        }
        else if (gold)
        {
            score.FalseNegatives++;
        }
    }

    internal sealed record LabelledPair(bool IsQuote, Mention A, Mention B, string Label, string Note);

    internal sealed partial record Mention(string Document, string Text, int Occurrence)
    {
        public static Mention Parse(string field)
        {
            var match = MentionPattern().Match(field);
            if (!match.Success)
            {
                throw new FormatException($"cannot read the mention '{field}'");
            }

            var occurrence = match.Groups[3].Success ? int.Parse(match.Groups[3].Value, CultureInfo.InvariantCulture) : 1;
            return new Mention(match.Groups[1].Value, match.Groups[2].Value, occurrence);
        }

        public override string ToString() => $"{Document} \"{Text}\"{(Occurrence > 1 ? "#" + Occurrence.ToString(CultureInfo.InvariantCulture) : "")}";

        [GeneratedRegex("""^\s*(\d{3}) "(.*)"\s*(?:#(\d+))?\s*$""", RegexOptions.CultureInvariant)]
        private static partial Regex MentionPattern();
    }
}
