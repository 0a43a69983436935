using Hangfire;
using Microsoft.Extensions.Logging;
using OpenAlgebra.Modules.LinearAlgebra.IO;
using OpenAlgebra.Modules.LinearAlgebra.Solvers;
using OpenAlgebra.Modules.Platform;

namespace OpenAlgebra.Modules.LinearAlgebra.Jobs;

/// <summary>
/// One attempt at a queued solve, as Hangfire runs it. The row decides: a finished job is left alone, a queued or
/// cut-off one is claimed by this run, and only the run holding it records its end. Input that cannot be solved fails
/// the job at once; any other failure (the object store, the database, the GPU) is retried by Hangfire, up to
/// <see cref="MaxAttempts"/> attempts in all, and the last one records it.
/// </summary>
internal sealed partial class SolveJobRunner(SolveJobStore store, SolveObjects objects, ILinearSolver solver, ILogger<SolveJobRunner> logger)
{
    public const int MaxAttempts = 3;

    [AutomaticRetry(Attempts = MaxAttempts - 1, DelaysInSeconds = [5, 30], OnAttemptsExceeded = AttemptsExceededAction.Fail)]
    public async Task RunAsync(string jobId, CancellationToken cancellationToken)
    {
        var runId = Ids.New();
        if (await store.ClaimAsync(jobId, runId, cancellationToken).ConfigureAwait(false) is not { } job)
        {
            LogFinishedAlready(logger, jobId);
            return;
        }

        if (job.Attempts > MaxAttempts)
        {
            await FailAsync(job, runId, $"gave up after {MaxAttempts} attempts: each was cut off before it finished").ConfigureAwait(false);
            return;
        }

        try
        {
            var a = await objects.ReadMatrixAsync(job.MatrixKey!, job.MatrixSha256!, cancellationToken).ConfigureAwait(false);
            var b = job.RhsKey is null
                ? ManufacturedRightHandSide.For(a)
                : await objects.ReadVectorAsync(job.RhsKey, job.RhsSha256!, cancellationToken).ConfigureAwait(false);
            var result = solver.Solve(a, b, job.Options, cancellationToken);
            // Named by run: a duplicate execution must not overwrite the solution another run recorded.
            var stored = await objects.PutVectorAsync(SolveObjects.Key(jobId, $"solution-{runId}"), result.Solution, CancellationToken.None)
                .ConfigureAwait(false);
            var finished = new SolveJobRow { SolutionKey = stored.Key, SolutionSha256 = stored.Sha256 };
            finished.Record(SolveSummary.Of(result));
            if (await store.SucceedAsync(jobId, runId, finished, CancellationToken.None).ConfigureAwait(false))
                await objects.DeleteAsync([job.MatrixKey, job.RhsKey], CancellationToken.None).ConfigureAwait(false);
            else
            {
                await objects.DeleteAsync([stored.Key], CancellationToken.None).ConfigureAwait(false);
                LogLost(logger, jobId);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            await store.InterruptedAsync(jobId, runId, CancellationToken.None).ConfigureAwait(false);
            throw;
        }
        catch (ArgumentException e)
        {
            // The parameter name .NET appends means nothing to the user reading the error.
            await FailAsync(job, runId, e.ParamName is { } name ? e.Message.Replace($" (Parameter '{name}')", "", StringComparison.Ordinal) : e.Message)
                .ConfigureAwait(false);
        }
        catch (MatrixMarketFormatException e)
        {
            await FailAsync(job, runId, e.Message).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException && job.Attempts >= MaxAttempts)
        {
            await FailAsync(job, runId, $"failed after {job.Attempts} attempts: {e.Message}").ConfigureAwait(false);
        }
    }

    private async Task FailAsync(SolveJobRow job, string runId, string error)
    {
        if (await store.FailAsync(job.Id, runId, error, CancellationToken.None).ConfigureAwait(false))
            await objects.DeleteAsync([job.MatrixKey, job.RhsKey], CancellationToken.None).ConfigureAwait(false);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Solve job {JobId} is finished already (or gone): nothing to run")]
    private static partial void LogFinishedAlready(ILogger logger, string jobId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Solve job {JobId} was taken over by another run; its result is the one recorded")]
    private static partial void LogLost(ILogger logger, string jobId);
}
