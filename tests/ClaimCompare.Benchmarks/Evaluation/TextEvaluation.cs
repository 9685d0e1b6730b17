using System.Globalization;

namespace ClaimCompare.Benchmarks.Evaluation;

/// <summary>
/// <c>eval sentences|quotes|frames [--set dev|heldout|heldout2|all] [--show] [--pool]</c>: runs the labelled sets in Evaluation/Sentences,
/// Evaluation/Quotes and Evaluation/Frames (heldout2: sentences and quotes only) and prints precision, recall and F1 per class.
/// <c>--show</c> lists every disagreement; <c>frames --pool</c> runs every story of the set as one stream and counts the findings that join two stories.
/// </summary>
internal static class TextEvaluation
{
    /// <summary>Whether <paramref name="kind"/> is one of the evaluations this class runs.</summary>
    public static bool Handles(string kind) => kind is "sentences" or "quotes" or "frames";

    public static int Run(string[] args)
    {
        var kind = args[0];
        var set = "dev";
        var show = false;
        var pool = false;
        var shift = false;
        string? article = null;
        for (var i = 1; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--set" when i + 1 < args.Length:
                    set = args[++i];
                    break;
                case "--show":
                    show = true;
                    break;
                case "--pool" when kind == "frames":
                    pool = true;
                    break;
                case "--pool-shifted" when kind == "frames":
                    pool = shift = true;
                    break;
                case "--article" when i + 1 < args.Length:
                    article = args[++i];
                    show = true;
                    break;
                default:
                    Console.Error.WriteLine($"eval: unknown argument '{args[i]}' (expected --set dev|heldout|heldout2|all, --show)");
                    return 1;
            }
        }

        if (set is not ("dev" or "heldout" or "heldout2" or "all"))
        {
            Console.Error.WriteLine($"eval: unknown set '{set}' (expected dev, heldout, heldout2 or all)");
            return 1;
        }

        var folder = Path.Combine(FindEvaluationFolder(), kind switch { "sentences" => "Sentences", "frames" => "Frames", _ => "Quotes" });
        string[] files = set == "all" ? ["dev.txt", "heldout.txt", "heldout2.txt"] : [set + ".txt"];
        files = Array.FindAll(files, f => File.Exists(Path.Combine(folder, f)));
        if (files.Length == 0)
        {
            Console.Error.WriteLine($"eval {kind}: no set '{set}' in {folder}");
            return 1;
        }

        var paths = Array.ConvertAll(files, f => Path.Combine(folder, f));
        return kind switch { "sentences" => SentenceEvaluation.Run(paths, show), "frames" => pool ? FrameEvaluation.RunPooled(paths, show, shift) : FrameEvaluation.Run(paths, show), _ => QuoteEvaluation.Run(paths, show, article) };
    }

    internal static string FindEvaluationFolder()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null)
        {
            var candidate = Path.Combine(dir.FullName, "tests", "ClaimCompare.Benchmarks", "Evaluation");
            if (Directory.Exists(candidate))
            {
                return candidate;
            }

            dir = dir.Parent;
        }

        throw new DirectoryNotFoundException("tests/ClaimCompare.Benchmarks/Evaluation not found above " + AppContext.BaseDirectory);
    }

    /// <summary>Counts of one class.</summary>
    internal sealed class Score
    {
        public int TruePositives { get; set; }

        public int FalsePositives { get; set; }

        public int FalseNegatives { get; set; }

        public double Precision => Ratio(TruePositives, TruePositives + FalsePositives);

        public double Recall => Ratio(TruePositives, TruePositives + FalseNegatives);

        public double F1 => Precision + Recall == 0 ? 0 : 2 * Precision * Recall / (Precision + Recall);

        public string Format() => string.Create(CultureInfo.InvariantCulture,
            $"P {Precision:F3}  R {Recall:F3}  F1 {F1:F3}  (tp {TruePositives}, fp {FalsePositives}, fn {FalseNegatives})");
    }

    internal static double Ratio(int a, int b) => b == 0 ? 1 : (double)a / b;
}
