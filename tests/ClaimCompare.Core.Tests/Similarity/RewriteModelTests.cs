using ClaimCompare.Core.Similarity;

namespace ClaimCompare.Core.Tests.Similarity;

public class RewriteModelTests
{
    private static string Model(string calibration) =>
        $"features {string.Join(' ', RewriteFeatures.Names)}\nbias 0\nplatt 1 0\n{calibration}\nthreshold 0.3\ntree 0 1\n0\n";

    [Fact]
    public void Without_an_isotonic_map_the_score_is_calibrated_by_the_logistic_curve()
    {
        var model = RewriteModel.Parse(Model(string.Empty));
        Assert.Equal(0.5, model.Calibrate(0), 12);
        Assert.Equal(1 / (1 + Math.Exp(-2)), model.Calibrate(2), 12);
    }

    [Fact]
    public void An_isotonic_map_is_linear_between_its_points_and_flat_beyond_its_ends()
    {
        var model = RewriteModel.Parse(Model("isotonic -4 0.05 0 0.25 2 0.75 6 0.95"));
        Assert.Equal(0.05, model.Calibrate(-10), 12);
        Assert.Equal(0.15, model.Calibrate(-2), 12);
        Assert.Equal(0.25, model.Calibrate(0), 12);
        Assert.Equal(0.5, model.Calibrate(1), 12);
        Assert.Equal(0.95, model.Calibrate(6), 12);
        Assert.Equal(0.95, model.Calibrate(40), 12);
        Assert.Equal(0.3, model.DefaultThreshold, 12);
    }

    [Theory]
    [InlineData("isotonic 0 0.5 1")]
    [InlineData("isotonic 0 0.6 1 0.4")]
    [InlineData("isotonic 1 0.2 0 0.4")]
    public void A_map_that_is_not_pairs_or_goes_down_is_refused(string line)
    {
        Assert.Throws<FormatException>(() => RewriteModel.Parse(Model(line)));
    }

    [Fact]
    public void The_shipped_model_loads_and_gives_probabilities()
    {
        var model = RewriteModel.Instance;
        Span<float> features = stackalloc float[RewriteFeatures.Count];
        features.Clear();
        var p = model.Probability(features);
        Assert.InRange(p, 0.0, 1.0);
        Assert.InRange(model.DefaultThreshold, 0.01, 0.99);
    }
}
