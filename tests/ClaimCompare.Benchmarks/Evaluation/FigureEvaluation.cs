using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using ClaimCompare.Core.Claims;
using ClaimCompare.Core.Text;

namespace ClaimCompare.Benchmarks.Evaluation;

/// <summary>
/// <c>eval figures [--set dev|heldout|all] [--errors]</c>: precision, recall and F1 of the figure extractor on the labelled
/// news sentences in Evaluation/Figures (see its README), per class, with bounds, unit and direction accuracy.
/// </summary>
/// <remarks>
/// A quantity (count, money, percent, measure, duration) is found when a predicted quantity overlaps the labelled span and
/// states the same value (for ranges and vague quantities: the same bounds), one to one. Years, dates and times are scored
/// apart (same kind, overlapping span). Ordinals and <c>other</c> figures (ages, scores) are neither credited nor penalised.
/// <c>--errors</c> lists every disagreement, and only for the development part: the held-out part's errors are never printed.
/// </remarks>
internal static partial class FigureEvaluation
{
    private static readonly JsonSerializerOptions JsonOptions = new() { PropertyNameCaseInsensitive = true };

    internal static readonly string[] Classes =
        ["plain", "words", "glued", "sign", "fraction", "range", "change", "vague", "notation", "year-date-time", "non-figure"];

    internal sealed record GoldFigure(
        string Text, int Start, int End, string Kind, double? Value, double? Low, double? High,
        bool Low_Inclusive, bool High_Inclusive, string? Unit, string Direction, List<string> Classes);

    internal sealed record GoldSpan(string Text, int Start, int End);

    internal sealed record GoldItem(string Id, string Text, List<GoldFigure> Figures, List<GoldSpan> Not_Figures);

    private sealed class Counts
    {
        public int Predicted { get; set; }

        public int Gold { get; set; }

        public int Matched { get; set; }

        public int MatchedPredicted { get; set; }

        public double Precision => Predicted == 0 ? 1 : (double)MatchedPredicted / Predicted;

        public double Recall => Gold == 0 ? 1 : (double)Matched / Gold;

        public double F1 => Precision + Recall == 0 ? 0 : 2 * Precision * Recall / (Precision + Recall);
    }

    private sealed class Ratio
    {
        public int Right { get; set; }

        public int Total { get; set; }

        public override string ToString() =>
            string.Create(CultureInfo.InvariantCulture, $"{(Total == 0 ? 1 : (double)Right / Total):0.000} ({Right}/{Total})");
    }

    public static int Run(string[] args)
    {
        var set = "dev";
        var errors = false;
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--set" when i + 1 < args.Length:
                    set = args[++i];
                    break;
                case "--errors":
                    errors = true;
                    break;
                default:
                    Console.Error.WriteLine($"eval figures: unknown argument '{args[i]}' (use --set dev|heldout|all, --errors)");
                    return 1;
            }
        }

        if (set is not ("dev" or "heldout" or "all"))
        {
            Console.Error.WriteLine("eval figures: --set takes dev, heldout or all");
            return 1;
        }

        if (errors && set != "dev")
        {
            Console.Error.WriteLine("eval figures: --errors is for the development part only; held-out errors are never printed");
            return 1;
        }

        var items = new List<GoldItem>();
        if (set is "dev" or "all")
        {
            items.AddRange(Load("dev.jsonl"));
        }

        if (set is "heldout" or "all")
        {
            items.AddRange(Load("heldout.jsonl"));
        }

        var result = Evaluate(items, errors ? Console.Out : null);
        Console.Write(result);
        return 0;
    }

    internal static string FindDirectory()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null)
        {
            var candidate = Path.Combine(dir.FullName, "tests", "ClaimCompare.Benchmarks", "Evaluation", "Figures");
            if (Directory.Exists(candidate))
            {
                return candidate;
            }

            dir = dir.Parent;
        }

        throw new DirectoryNotFoundException("tests/ClaimCompare.Benchmarks/Evaluation/Figures not found above " + AppContext.BaseDirectory);
    }

    internal static List<GoldItem> Load(string file)
    {
        var items = new List<GoldItem>();
        foreach (var line in File.ReadLines(Path.Combine(FindDirectory(), file)))
        {
            if (line.Length > 0)
            {
                items.Add(JsonSerializer.Deserialize<GoldItem>(line, JsonOptions)!);
            }
        }

        return items;
    }

    private static bool IsQuantity(string kind) => kind is "count" or "money" or "percent" or "measure" or "duration";

    private static bool IsCalendar(string kind) => kind is "year" or "date" or "time";

    private static string KindName(FigureKind kind) => kind.ToString().ToLowerInvariant();

    private static string DirectionName(FigureDirection direction) => direction.ToString().ToLowerInvariant();

    /// <summary>Scores <paramref name="items"/>; writes every disagreement to <paramref name="log"/> when given.</summary>
    internal static string Evaluate(List<GoldItem> items, TextWriter? log)
    {
        var pipeline = new TextPipeline();
        var overall = new Counts();
        var perClass = new Dictionary<string, Counts>(StringComparer.Ordinal);
        foreach (var c in Classes)
        {
            perClass[c] = new Counts();
        }

        var calendar = new Counts();
        var units = new Ratio();
        var kinds = new Ratio();
        var bounds = new Ratio();
        var exactSpans = new Ratio();
        var changeDirection = new Ratio();
        var levelDirection = new Ratio();
        var nonFigureRejected = new Ratio();

        foreach (var item in items)
        {
            var document = pipeline.Process(new SourceDocument(item.Id, item.Text));
            var predicted = FigureExtractor.Extract(document);
            var quantities = new List<Figure>();
            var calendars = new List<Figure>();
            foreach (var f in predicted)
            {
                var kind = KindName(f.Kind);
                if (IsQuantity(kind))
                {
                    quantities.Add(f);
                }
                else if (IsCalendar(kind))
                {
                    calendars.Add(f);
                }
            }

            var used = new bool[quantities.Count];
            var matchedGold = new Dictionary<int, GoldFigure>();
            foreach (var gold in item.Figures)
            {
                if (!IsQuantity(gold.Kind))
                {
                    continue;
                }

                overall.Gold++;
                foreach (var c in gold.Classes)
                {
                    Class(perClass, c).Gold++;
                }

                var best = -1;
                var overlapping = -1;
                for (var p = 0; p < quantities.Count; p++)
                {
                    if (used[p] || !Overlaps(quantities[p].Start, quantities[p].End, gold.Start, gold.End))
                    {
                        continue;
                    }

                    overlapping = overlapping < 0 ? p : overlapping;
                    if (SameValue(gold, quantities[p]))
                    {
                        best = p;
                        break;
                    }
                }

                if (best < 0)
                {
                    log?.WriteLine(overlapping < 0
                        ? $"{item.Id} MISSED «{gold.Text}» {Describe(gold)}"
                        : $"{item.Id} VALUE «{gold.Text}» {Describe(gold)}, got «{quantities[overlapping].Text}» {Describe(quantities[overlapping])}");
                    continue;
                }

                used[best] = true;
                matchedGold[best] = gold;
                var f = quantities[best];
                overall.Matched++;
                foreach (var c in gold.Classes)
                {
                    Class(perClass, c).Matched++;
                }

                Score(units, gold.Unit == f.Unit, log, item.Id, gold, f, "UNIT");
                Score(kinds, gold.Kind == KindName(f.Kind), log, item.Id, gold, f, "KIND");
                Score(bounds, SameBounds(gold, f), log, item.Id, gold, f, "BOUNDS");
                exactSpans.Total++;
                if (gold.Start == f.Start && gold.Text == f.Text)
                {
                    exactSpans.Right++;
                }

                if (gold.Direction != "none")
                {
                    Score(changeDirection, gold.Direction == DirectionName(f.Direction), log, item.Id, gold, f, "DIRECTION");
                }
                else
                {
                    Score(levelDirection, f.Direction == FigureDirection.None, log, item.Id, gold, f, "LEVEL-AS-CHANGE");
                }
            }

            for (var p = 0; p < quantities.Count; p++)
            {
                var f = quantities[p];
                overall.Predicted++;
                IReadOnlyList<string> classes;
                if (matchedGold.TryGetValue(p, out var gold))
                {
                    overall.MatchedPredicted++;
                    classes = gold.Classes;
                }
                else
                {
                    classes = ClassesOf(f, item);
                    log?.WriteLine($"{item.Id} SPURIOUS «{f.Text}» {Describe(f)}");
                }

                foreach (var c in classes)
                {
                    var counts = Class(perClass, c);
                    counts.Predicted++;
                    if (gold is not null)
                    {
                        counts.MatchedPredicted++;
                    }
                }
            }

            foreach (var span in item.Not_Figures)
            {
                nonFigureRejected.Total++;
                var hit = false;
                foreach (var f in predicted)
                {
                    if (Overlaps(f.Start, f.End, span.Start, span.End) && (IsQuantity(KindName(f.Kind)) || f.Kind == FigureKind.Year))
                    {
                        hit = true;
                    }
                }

                if (!hit)
                {
                    nonFigureRejected.Right++;
                }
            }

            ScoreCalendar(item, calendars, calendar, log);
        }

        var report = new StringBuilder();
        report.AppendLine(CultureInfo.InvariantCulture, $"sentences {items.Count}, labelled quantities {overall.Gold}, predicted quantities {overall.Predicted}");
        report.AppendLine(CultureInfo.InvariantCulture, $"figure value  P {overall.Precision:0.000}  R {overall.Recall:0.000}  F1 {overall.F1:0.000}");
        report.AppendLine(CultureInfo.InvariantCulture, $"bounds right on found figures      {bounds}");
        report.AppendLine(CultureInfo.InvariantCulture, $"direction right on found changes   {changeDirection}");
        report.AppendLine(CultureInfo.InvariantCulture, $"levels kept as levels              {levelDirection}");
        report.AppendLine(CultureInfo.InvariantCulture, $"unit right on found figures        {units}");
        report.AppendLine(CultureInfo.InvariantCulture, $"kind right on found figures        {kinds}");
        report.AppendLine(CultureInfo.InvariantCulture, $"exact span on found figures        {exactSpans}");
        report.AppendLine(CultureInfo.InvariantCulture, $"years, dates, times  P {calendar.Precision:0.000}  R {calendar.Recall:0.000}  F1 {calendar.F1:0.000}  (gold {calendar.Gold}, predicted {calendar.Predicted})");
        report.AppendLine(CultureInfo.InvariantCulture, $"non-figures not read as quantities or years {nonFigureRejected}");
        report.AppendLine("class            gold  pred    P      R      F1");
        foreach (var c in Classes)
        {
            var counts = perClass[c];
            if (c == "year-date-time")
            {
                counts = calendar;
            }

            report.AppendLine(CultureInfo.InvariantCulture, $"{c,-15} {counts.Gold,5} {counts.Predicted,5}  {counts.Precision:0.000}  {counts.Recall:0.000}  {counts.F1:0.000}");
        }

        return report.ToString();
    }

    private static void ScoreCalendar(GoldItem item, List<Figure> calendars, Counts calendar, TextWriter? log)
    {
        var used = new bool[calendars.Count];
        foreach (var gold in item.Figures)
        {
            if (!IsCalendar(gold.Kind))
            {
                continue;
            }

            calendar.Gold++;
            var found = false;
            for (var p = 0; p < calendars.Count && !found; p++)
            {
                var f = calendars[p];
                if (!used[p] && Overlaps(f.Start, f.End, gold.Start, gold.End) && KindName(f.Kind) == gold.Kind
                    && (gold.Kind != "year" || Close(gold.Value, f.Value)))
                {
                    used[p] = true;
                    found = true;
                }
            }

            if (found)
            {
                calendar.Matched++;
            }
            else
            {
                log?.WriteLine($"{item.Id} MISSED {gold.Kind} «{gold.Text}»");
            }
        }

        for (var p = 0; p < calendars.Count; p++)
        {
            calendar.Predicted++;
            if (used[p])
            {
                calendar.MatchedPredicted++;
            }
            else
            {
                log?.WriteLine($"{item.Id} SPURIOUS {KindName(calendars[p].Kind)} «{calendars[p].Text}»");
            }
        }
    }

    private static Counts Class(Dictionary<string, Counts> perClass, string name) =>
        perClass.TryGetValue(name, out var counts) ? counts : perClass[name] = new Counts();

    private static void Score(Ratio ratio, bool right, TextWriter? log, string id, GoldFigure gold, Figure f, string what)
    {
        ratio.Total++;
        if (right)
        {
            ratio.Right++;
        }
        else
        {
            log?.WriteLine($"{id} {what} «{gold.Text}» expected {Describe(gold)}, got {Describe(f)}");
        }
    }

    private static bool Overlaps(int aStart, int aEnd, int bStart, int bEnd) => aStart < bEnd && bStart < aEnd;

    private static bool SameValue(GoldFigure gold, Figure f)
    {
        if (gold.Value is { } v)
        {
            return Close(v, f.Value);
        }

        return f.Value is null && Close(gold.Low, f.Low) && Close(gold.High, f.High);
    }

    private static bool SameBounds(GoldFigure gold, Figure f) =>
        Close(gold.Low, f.Low) && Close(gold.High, f.High)
        && (gold.Low is null || gold.Low_Inclusive == f.LowInclusive)
        && (gold.High is null || gold.High_Inclusive == f.HighInclusive);

    private static bool Close(double? expected, double? actual)
    {
        if (expected is null || actual is null)
        {
            return expected is null && actual is null;
        }

        return Math.Abs(expected.Value - actual.Value) <= 1e-6 * Math.Max(1, Math.Abs(expected.Value));
    }

    private static string Describe(GoldFigure g) =>
        $"{g.Kind} {Interval(g.Low, g.Low_Inclusive, g.High, g.High_Inclusive)} {g.Unit ?? "-"} {g.Direction}";

    private static string Describe(Figure f) =>
        $"{KindName(f.Kind)} {Interval(f.Low, f.LowInclusive, f.High, f.HighInclusive)} {f.Unit ?? "-"} {DirectionName(f.Direction)}";

    private static string Interval(double? low, bool lowInclusive, double? high, bool highInclusive) =>
        string.Create(CultureInfo.InvariantCulture,
            $"{(low is null ? "(-inf" : (lowInclusive ? "[" : "(") + low.Value.ToString("G10", CultureInfo.InvariantCulture))}, {(high is null ? "inf)" : high.Value.ToString("G10", CultureInfo.InvariantCulture) + (highInclusive ? "]" : ")"))}");

    /// <summary>The classes of a predicted figure no label matched, by the rules tools/build_set.py applies to labels.</summary>
    internal static IReadOnlyList<string> ClassesOf(Figure f, GoldItem item)
    {
        var classes = new List<string>(3);
        foreach (var span in item.Not_Figures)
        {
            if (Overlaps(f.Start, f.End, span.Start, span.End))
            {
                classes.Add("non-figure");
                return classes;
            }
        }

        var text = f.Text;
        if (f.Direction != FigureDirection.None)
        {
            classes.Add("change");
        }

        var vague = Vague().IsMatch(text) && f.Value is null;
        if (vague)
        {
            classes.Add("vague");
        }
        else if (f.Value is null)
        {
            classes.Add("range");
        }

        if (FractionWords().IsMatch(text))
        {
            classes.Add("fraction");
        }

        if (Sign().IsMatch(text))
        {
            classes.Add("sign");
        }

        if (Glued(text))
        {
            classes.Add("glued");
        }

        if (Notation().IsMatch(text))
        {
            classes.Add("notation");
        }

        if (classes.Count == 0 && NumberWords().IsMatch(text))
        {
            classes.Add("words");
        }

        if (classes.Count == 0)
        {
            classes.Add("plain");
        }

        return classes;
    }

    private static bool Glued(string text)
    {
        if (LettersBeforeDigits().IsMatch(text))
        {
            return true;
        }

        foreach (Match m in LettersAfterDigits().Matches(text))
        {
            if (m.Groups[1].Value.ToLowerInvariant() is not ("m" or "mn" or "mln" or "bn" or "bln" or "b" or "k" or "tn" or "trn" or "s" or "st" or "nd" or "rd" or "th"))
            {
                return true;
            }
        }

        return false;
    }

    [GeneratedRegex(@"\b(dozens|scores|hundreds|thousands|millions|billions|trillions|tens of|several|a few|a couple of)\b", RegexOptions.IgnoreCase)]
    private static partial Regex Vague();

    [GeneratedRegex(@"\b(half|halves|thirds?|quarters?|fifths?|sixths?|sevenths?|eighths?|ninths?|tenths?)\b|[½¼¾⅓⅔⅛⅕]|\d/\d", RegexOptions.IgnoreCase)]
    private static partial Regex FractionWords();

    [GeneratedRegex(@"(^|[\s(])[-−–+]\s?\d|\bminus\b|\bplus\s\d|\bsub-\d|\bnegative\b", RegexOptions.IgnoreCase)]
    private static partial Regex Sign();

    [GeneratedRegex(@"\d\s?(m|mn|mln|bn|bln|b|k|tn|trn|million|billion|trillion|thousand)\b|[×x]\s?10|\d[eE][+-]?\d|\b(million|billion|trillion|thousand)\b", RegexOptions.IgnoreCase)]
    private static partial Regex Notation();

    [GeneratedRegex(@"\b(one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|hundred|dozen|a thousand|a million)\b", RegexOptions.IgnoreCase)]
    private static partial Regex NumberWords();

    [GeneratedRegex(@"[A-Za-z]\$?\d")]
    private static partial Regex LettersBeforeDigits();

    [GeneratedRegex(@"\d([A-Za-z]+)")]
    private static partial Regex LettersAfterDigits();
}
