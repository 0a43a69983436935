using OpenAlgebra.Modules.Inference.Engines;
using OpenAlgebra.Modules.Inference.Metrics;

namespace OpenAlgebra.Tests.Inference.Metrics;

public sealed class LabelOverlapTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public void Each_label_is_scored_from_its_own_confusion_counts()
    {
        var mask = new LabelMask(4, 1, 1, [1, 1, 2, 0]);
        var reference = new LabelMask(4, 1, 1, [1, 2, 2, 2]);

        var overlaps = LabelOverlap.Measure(mask, reference, Ct);

        var one = overlaps.Single(o => o.Label == 1);
        Assert.Equal((1, 1, 0, 2), (one.TruePositives, one.FalsePositives, one.FalseNegatives, one.TrueNegatives));
        Assert.Equal(2.0 / 3, one.Dice!.Value, 12);
        Assert.Equal(0.5, one.Jaccard!.Value, 12);
        Assert.Equal(1, one.Sensitivity!.Value, 12);
        Assert.Equal(2.0 / 3, one.Specificity!.Value, 12);
        var two = overlaps.Single(o => o.Label == 2);
        Assert.Equal((1, 0, 2, 1), (two.TruePositives, two.FalsePositives, two.FalseNegatives, two.TrueNegatives));
        Assert.Equal(0.5, two.Dice!.Value, 12);
        Assert.Equal(1.0 / 3, two.Jaccard!.Value, 12);
        Assert.Equal(1.0 / 3, two.Sensitivity!.Value, 12);
        Assert.Equal(1, two.Specificity!.Value, 12);
    }

    [Fact]
    public void A_label_only_in_the_mask_has_no_sensitivity_and_zero_dice()
    {
        var overlaps = LabelOverlap.Measure(new LabelMask(2, 1, 1, [3, 0]), new LabelMask(2, 1, 1, [0, 0]), Ct);

        var three = Assert.Single(overlaps);
        Assert.Equal(0, three.Dice);
        Assert.Null(three.Sensitivity);
        Assert.Equal(0.5, three.Specificity);
    }

    [Fact]
    public void The_mean_dice_of_a_perfect_mask_is_one_and_of_a_missing_label_counts_zero()
    {
        var truth = new LabelMask(3, 1, 1, [1, 2, 0]);

        Assert.Equal(1, ValidationScore.MeanDice(truth, truth, Ct));
        Assert.Equal(0.5, ValidationScore.MeanDice(new LabelMask(3, 1, 1, [1, 0, 0]), truth, Ct));
    }
}
