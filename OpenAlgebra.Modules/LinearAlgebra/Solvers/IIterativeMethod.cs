namespace OpenAlgebra.Modules.LinearAlgebra.Solvers;

/// <summary>
/// One Krylov method, written once against <see cref="Backends.ILinearAlgebraBackend"/>: it improves the session's x in
/// place and reads scalars to the host once per iteration, for its stopping and breakdown tests.
/// </summary>
internal interface IIterativeMethod
{
    SolveOutcome Run(SolveSession session);
}
