namespace OpenAlgebra.Modules.LinearAlgebra.Jobs;

/// <summary>
/// Solves requested by users (the API): small systems are solved at once, large ones become jobs on the <c>gpu</c>
/// queue. Either way the solve is recorded with its result and x, for its owner, for
/// <see cref="LinearAlgebraOptions.RetentionDays"/> days.
/// </summary>
public interface ISolveRequests
{
    /// <exception cref="ArgumentException">The options, the shapes or the values cannot be solved (NaN, a bad pairing, a
    /// preconditioner A does not admit, the GPU asked for where there is none); the message names what.</exception>
    Task<SolveSubmission> SubmitAsync(SolveRequest request, CancellationToken cancellationToken = default);

    /// <returns>null when there is no such solve or it belongs to someone else.</returns>
    Task<SolveJob?> GetAsync(string id, string ownerId, CancellationToken cancellationToken = default);

    /// <summary>x as a Matrix Market <c>array real general</c> file.</summary>
    /// <returns>null when there is no such solve, it belongs to someone else, or it has no solution (yet).</returns>
    Task<Stream?> OpenSolutionAsync(string id, string ownerId, CancellationToken cancellationToken = default);
}
