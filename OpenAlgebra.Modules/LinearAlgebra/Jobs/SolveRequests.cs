using Microsoft.Extensions.Options;
using OpenAlgebra.Modules.LinearAlgebra.Backends;
using OpenAlgebra.Modules.LinearAlgebra.Solvers;
using OpenAlgebra.Modules.Platform;

namespace OpenAlgebra.Modules.LinearAlgebra.Jobs;

/// <summary>
/// Everything a submission needs is checked before anything is stored or queued, so a bad request is answered at once
/// and a queued job fails only for what cannot be known in advance.
/// </summary>
internal sealed class SolveRequests(
    ILinearSolver solver,
    ILinearAlgebraBackendFactory backends,
    SolveJobStore store,
    SolveObjects objects,
    SolveJobQueue queue,
    IOptions<LinearAlgebraOptions> options,
    TimeProvider clock) : ISolveRequests
{
    public async Task<SolveSubmission> SubmitAsync(SolveRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var b = request.RightHandSide ?? ManufacturedRightHandSide.For(request.Matrix);
        SolveInputs.Validate(request.Matrix, b, request.Options);
        if (request.Options.Backend == BackendPreference.Gpu)
            RequireGpu();
        await SweepAsync(cancellationToken).ConfigureAwait(false);

        var row = SolveJobRow.For(Ids.New(), request, clock.GetUtcNow());
        return request.Matrix.NonZeros <= options.Value.InlineMaxNonZeros
            ? await SolveNowAsync(row, request, b, cancellationToken).ConfigureAwait(false)
            : await QueueAsync(row, request, cancellationToken).ConfigureAwait(false);
    }

    public async Task<SolveJob?> GetAsync(string id, string ownerId, CancellationToken cancellationToken = default) =>
        await FindAsync(id, ownerId, cancellationToken).ConfigureAwait(false) is { } row ? row.ToJob() : null;

    public async Task<Stream?> OpenSolutionAsync(string id, string ownerId, CancellationToken cancellationToken = default) =>
        await FindAsync(id, ownerId, cancellationToken).ConfigureAwait(false) is { SolutionKey: { } key, SolutionSha256: { } sha256 }
            ? await objects.OpenReadAsync(key, sha256, cancellationToken).ConfigureAwait(false)
            : null;

    private async Task<SolveJobRow?> FindAsync(string id, string ownerId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(id);
        ArgumentNullException.ThrowIfNull(ownerId);
        // Someone else's job answers like no job, so ids reveal nothing.
        return await store.GetAsync(id, cancellationToken).ConfigureAwait(false) is { } row && row.OwnerId == ownerId ? row : null;
    }

    private async Task<SolveSubmission> SolveNowAsync(SolveJobRow row, SolveRequest request, double[] b, CancellationToken cancellationToken)
    {
        var result = solver.Solve(request.Matrix, b, request.Options, cancellationToken);
        var stored = await objects.PutVectorAsync(SolveObjects.Key(row.Id, "solution"), result.Solution, cancellationToken).ConfigureAwait(false);
        var now = Timestamps.ToText(clock.GetUtcNow());
        row.State = nameof(SolveJobState.Succeeded);
        row.Record(SolveSummary.Of(result));
        row.SolutionKey = stored.Key;
        row.SolutionSha256 = stored.Sha256;
        row.StartedAt = row.CreatedAt;
        row.FinishedAt = now;
        await store.InsertAsync(row, cancellationToken).ConfigureAwait(false);
        return new SolveSubmission(row.ToJob(), result.Solution);
    }

    private async Task<SolveSubmission> QueueAsync(SolveJobRow row, SolveRequest request, CancellationToken cancellationToken)
    {
        var matrix = await objects.PutMatrixAsync(SolveObjects.Key(row.Id, "matrix"), request.Matrix, cancellationToken).ConfigureAwait(false);
        (row.MatrixKey, row.MatrixSha256) = (matrix.Key, matrix.Sha256);
        if (request.RightHandSide is { } rhs)
        {
            var stored = await objects.PutVectorAsync(SolveObjects.Key(row.Id, "rhs"), rhs, cancellationToken).ConfigureAwait(false);
            (row.RhsKey, row.RhsSha256) = (stored.Key, stored.Sha256);
        }

        await store.InsertAsync(row, cancellationToken).ConfigureAwait(false);
        row.JobId = queue.Enqueue(row.Id);
        await store.SetJobAsync(row.Id, row.JobId, CancellationToken.None).ConfigureAwait(false);
        return new SolveSubmission(row.ToJob(), null);
    }

    /// <summary>Asked for by name, the GPU must exist now: a job queued for a GPU this server lacks could only fail later.</summary>
    private void RequireGpu()
    {
        try
        {
            backends.Create(BackendPreference.Gpu).Dispose();
        }
        catch (InvalidOperationException e)
        {
            throw new ArgumentException(e.Message, nameof(SolveRequest.Options), e);
        }
    }

    private async Task SweepAsync(CancellationToken cancellationToken)
    {
        var before = clock.GetUtcNow() - TimeSpan.FromDays(options.Value.RetentionDays);
        await objects.DeleteAsync(await store.DeleteFinishedBeforeAsync(before, cancellationToken).ConfigureAwait(false), cancellationToken)
            .ConfigureAwait(false);
    }
}
