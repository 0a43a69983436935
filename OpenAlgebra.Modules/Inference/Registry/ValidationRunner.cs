using OpenAlgebra.Modules.Inference.Engines;
using OpenAlgebra.Modules.Inference.Metrics;
using OpenAlgebra.Modules.Inference.References;

namespace OpenAlgebra.Modules.Inference.Registry;

/// <summary>
/// Runs an engine over its validation phantoms, then the site's reference cases, and scores each output (its mask's
/// Dice, or the metrics it must report).
/// </summary>
internal static class ValidationRunner
{
    public static async Task<IReadOnlyList<ValidationCaseScore>> RunAsync(IAnalysisEngine engine, IAsyncEnumerable<LoadedReferenceCase> references,
        IProgress<ValidationCaseScore>? progress, CancellationToken cancellationToken)
    {
        var scores = new List<ValidationCaseScore>();
        void Add(ValidationCaseScore score)
        {
            scores.Add(score);
            progress?.Report(score);
        }

        foreach (var validationCase in engine.ValidationCases())
        {
            Add(await ScoreAsync(engine, validationCase, cancellationToken).ConfigureAwait(false));
        }

        await foreach (var reference in references.WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            Add(reference.Case is { } runnable
                ? await ScoreAsync(engine, runnable, cancellationToken).ConfigureAwait(false)
                : new ValidationCaseScore(reference.Name, 0, reference.Problem));
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
