using OpenAlgebra.Modules.Inference.Engines;
using OpenAlgebra.Modules.Inference.Metrics;

namespace OpenAlgebra.Modules.Inference.Registry;

/// <summary>Runs an engine over its validation phantoms and scores each output (its mask's Dice, or the metrics it must report).</summary>
internal static class ValidationRunner
{
    public static async Task<IReadOnlyList<ValidationCaseScore>> RunAsync(IAnalysisEngine engine, IProgress<ValidationCaseScore>? progress,
        CancellationToken cancellationToken)
    {
        var scores = new List<ValidationCaseScore>();
        foreach (var validationCase in engine.ValidationCases())
        {
            var score = await ScoreAsync(engine, validationCase, cancellationToken).ConfigureAwait(false);
            scores.Add(score);
            progress?.Report(score);
        }

        return scores;
    }

    private static async Task<ValidationCaseScore> ScoreAsync(IAnalysisEngine engine, ValidationCase validationCase, CancellationToken cancellationToken)
    {
        AnalysisOutput output;
        try
        {
            output = await engine.RunAsync(validationCase.Request, new Progress<AnalysisProgress>(), cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // A case that fails scores 0 and says why; the other cases still run.
            return new ValidationCaseScore(validationCase.Name, 0, $"the engine failed: {e.Message}");
        }

        if (output.Mask is null && validationCase.ExpectedMetrics is null)
        {
            return new ValidationCaseScore(validationCase.Name, 0, "the engine produced no mask");
        }

        try
        {
            return new ValidationCaseScore(validationCase.Name, ValidationScore.Of(validationCase, output, cancellationToken));
        }
        catch (ArgumentException e)
        {
            return new ValidationCaseScore(validationCase.Name, 0, e.Message);
        }
    }
}
