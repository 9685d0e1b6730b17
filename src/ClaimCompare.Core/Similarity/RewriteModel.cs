using System.Globalization;

namespace ClaimCompare.Core.Similarity;

/// <summary>
/// The learned part of the rewrite decision: boosted regression trees over <see cref="RewriteFeatures"/> and a
/// calibration (isotonic, or logistic for older model files), so that a pair's score reads as the probability that it is a rewrite.
/// </summary>
/// <remarks>
/// <para>
/// Trained with ML.NET's FastTree by <c>claimcompare-benchmarks train rewrites</c> on the development part of the
/// labelled pairs in <c>tests/ClaimCompare.Benchmarks/Evaluation/Rewrites</c>, calibrated on out-of-fold scores, and
/// exported to a small text file embedded in this assembly (<c>Similarity/Resources/rewrite-model.txt</c>), which
/// this class evaluates. Core therefore does not depend on ML.NET: evaluation is a few hundred comparisons of floats,
/// allocation-free and deterministic; the trainer checks that it reproduces ML.NET's scores.
/// </para>
/// <para>
/// A split sends a value to the left child when it is at most the threshold (ML.NET's rule). Children are node
/// indexes (always after their parent, so evaluation ends), or the bitwise complement of a leaf index. Immutable and safe to share between threads.
/// </para>
/// </remarks>
internal sealed class RewriteModel
{
    private static readonly Lazy<RewriteModel> Shared = new(() => Parse(ReadEmbedded()), LazyThreadSafetyMode.ExecutionAndPublication);

    private readonly Tree[] _trees;
    private readonly double _bias;
    private readonly double _slope;
    private readonly double _offset;

    private readonly (double Score, double Probability)[] _isotonic;

    private RewriteModel(string[] features, Tree[] trees, double bias, double slope, double offset, (double Score, double Probability)[] isotonic, double threshold)
    {
        _isotonic = isotonic;
        FeatureNames = features;
        _trees = trees;
        _bias = bias;
        _slope = slope;
        _offset = offset;
        DefaultThreshold = threshold;
    }

    /// <summary>The embedded model, loaded on first use.</summary>
    public static RewriteModel Instance => Shared.Value;

    /// <summary>The features the model was trained on, in input order.</summary>
    public IReadOnlyList<string> FeatureNames { get; }

    /// <summary>The probability at and above which the trainer found development precision of at least 0.9.</summary>
    public double DefaultThreshold { get; }

    /// <summary>The raw ensemble score (a log-odds-like sum of tree outputs) of <see cref="RewriteFeatures"/> in their order.</summary>
    public double Score(ReadOnlySpan<float> features)
    {
        var sum = _bias;
        foreach (var tree in _trees)
        {
            sum += tree.Evaluate(features);
        }

        return sum;
    }

    /// <summary>The calibrated probability that the pair is a rewrite, in (0, 1).</summary>
    public double Probability(ReadOnlySpan<float> features) => Calibrate(Score(features));

    /// <summary>
    /// The calibrated probability of a raw score: the isotonic map when the model has one (linear between its steps,
    /// flat beyond its ends), else the logistic (Platt) curve.
    /// </summary>
    public double Calibrate(double score)
    {
        var steps = _isotonic;
        if (steps.Length == 0)
        {
            return 1 / (1 + Math.Exp(-((_slope * score) + _offset)));
        }

        if (score <= steps[0].Score)
        {
            return steps[0].Probability;
        }

        if (score >= steps[^1].Score)
        {
            return steps[^1].Probability;
        }

        int lo = 0, hi = steps.Length - 1;
        while (hi - lo > 1)
        {
            var mid = (lo + hi) >> 1;
            if (steps[mid].Score <= score)
            {
                lo = mid;
            }
            else
            {
                hi = mid;
            }
        }

        var (x0, p0) = steps[lo];
        var (x1, p1) = steps[hi];
        return x1 > x0 ? p0 + ((p1 - p0) * (score - x0) / (x1 - x0)) : p1;
    }

    /// <summary>Parses the model's text form (see the trainer, <c>RewriteTrainer</c>, for the format).</summary>
    /// <exception cref="FormatException">The text is not a model.</exception>
    public static RewriteModel Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var lines = text.Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        string[]? features = null;
        double bias = 0, slope = 1, offset = 0, threshold = 0.5;
        (double Score, double Probability)[] isotonic = [];
        var trees = new List<Tree>();
        var i = 0;
        while (i < lines.Length)
        {
            var f = lines[i].Split(' ', StringSplitOptions.RemoveEmptyEntries);
            i++;
            switch (f[0])
            {
                case "#":
                    break;
                case "features":
                    features = f[1..];
                    break;
                case "bias":
                    bias = Number(f[1]);
                    break;
                case "platt":
                    slope = Number(f[1]);
                    offset = Number(f[2]);
                    break;
                case "isotonic":
                    if (f.Length < 3 || f.Length % 2 == 0)
                    {
                        throw new FormatException("The rewrite model's isotonic map needs pairs of score and probability.");
                    }

                    isotonic = new (double, double)[(f.Length - 1) / 2];
                    for (var k = 0; k < isotonic.Length; k++)
                    {
                        isotonic[k] = (Number(f[1 + (2 * k)]), Number(f[2 + (2 * k)]));
                        if (k > 0 && (isotonic[k].Score < isotonic[k - 1].Score || isotonic[k].Probability < isotonic[k - 1].Probability))
                        {
                            throw new FormatException("The rewrite model's isotonic map is not non-decreasing.");
                        }
                    }

                    break;
                case "threshold":
                    threshold = Number(f[1]);
                    break;
                case "tree":
                    {
                        var nodes = int.Parse(f[1], CultureInfo.InvariantCulture);
                        var weight = Number(f[2]);
                        var feature = new int[nodes];
                        var split = new float[nodes];
                        var left = new int[nodes];
                        var right = new int[nodes];
                        for (var n = 0; n < nodes; n++, i++)
                        {
                            var g = lines[i].Split(' ');
                            feature[n] = int.Parse(g[0], CultureInfo.InvariantCulture);
                            split[n] = (float)Number(g[1]);
                            left[n] = int.Parse(g[2], CultureInfo.InvariantCulture);
                            right[n] = int.Parse(g[3], CultureInfo.InvariantCulture);
                        }

                        var leaves = lines[i++].Split(' ', StringSplitOptions.RemoveEmptyEntries);
                        var values = new double[leaves.Length];
                        for (var l = 0; l < leaves.Length; l++)
                        {
                            values[l] = Number(leaves[l]) * weight;
                        }

                        trees.Add(new Tree(feature, split, left, right, values));
                        break;
                    }

                default:
                    throw new FormatException($"Unknown line in the rewrite model: '{f[0]}'.");
            }
        }

        if (features is null || trees.Count == 0)
        {
            throw new FormatException("The rewrite model has no features or no trees.");
        }

        // The model names its inputs: bind them to this build's features, so a model trained before a feature was
        // added still evaluates, and one that needs a feature this build lacks fails here rather than reading garbage.
        var map = new int[features.Length];
        for (var f = 0; f < features.Length; f++)
        {
            map[f] = Array.IndexOf(RewriteFeatures.Names, features[f]);
            if (map[f] < 0)
            {
                throw new FormatException($"The rewrite model uses a feature this build does not compute: '{features[f]}'.");
            }
        }

        foreach (var tree in trees)
        {
            tree.Check(features.Length);
            tree.Bind(map);
        }

        return new RewriteModel(features, [.. trees], bias, slope, offset, isotonic, threshold);
    }

    private static double Number(string s) => double.Parse(s, NumberStyles.Float, CultureInfo.InvariantCulture);

    private static string ReadEmbedded()
    {
        using var stream = typeof(RewriteModel).Assembly.GetManifestResourceStream("ClaimCompare.Core.Similarity.Resources.rewrite-model.txt")
            ?? throw new InvalidOperationException("The embedded rewrite model is missing from the assembly.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    private sealed class Tree(int[] feature, float[] split, int[] left, int[] right, double[] leaves)
    {
        public double Evaluate(ReadOnlySpan<float> x)
        {
            if (feature.Length == 0)
            {
                return leaves[0];
            }

            var node = 0;
            while (node >= 0)
            {
                node = x[feature[node]] <= split[node] ? left[node] : right[node];
            }

            return leaves[~node];
        }

        public void Bind(int[] map)
        {
            for (var n = 0; n < feature.Length; n++)
            {
                feature[n] = map[feature[n]];
            }
        }

        public void Check(int featureCount)
        {
            for (var n = 0; n < feature.Length; n++)
            {
                if (feature[n] < 0 || feature[n] >= featureCount || left[n] >= feature.Length || right[n] >= feature.Length
                    || (left[n] >= 0 && left[n] <= n) || (right[n] >= 0 && right[n] <= n)
                    || ~left[n] >= leaves.Length || ~right[n] >= leaves.Length)
                {
                    throw new FormatException("A tree of the rewrite model refers to a missing feature, node or leaf.");
                }
            }
        }
    }
}
