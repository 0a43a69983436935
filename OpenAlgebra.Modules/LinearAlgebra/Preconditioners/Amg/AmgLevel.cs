using OpenAlgebra.Modules.LinearAlgebra.Backends;

namespace OpenAlgebra.Modules.LinearAlgebra.Preconditioners.Amg;

/// <summary>
/// One level of the hierarchy on the backend, with everything the V-cycle touches allocated up front so a cycle
/// allocates nothing. A level passes its residual down (<see cref="Restriction"/>, <see cref="Prolongation"/>), or is
/// the coarsest and solves directly (<see cref="CoarseSolver"/>) or only smooths.
/// </summary>
internal sealed class AmgLevel : IDisposable
{
    /// <param name="smoother">Jacobi or symmetric Gauss–Seidel, already resolved for this backend.</param>
    public AmgLevel(ILinearAlgebraBackend backend, AmgHostLevel host, bool finest, AmgSmoother smoother, int sweeps)
    {
        var rows = host.Matrix.Rows;
        try
        {
            Matrix = backend.Upload(host.Matrix);
            if (!finest)
            {
                Rhs = backend.Allocate(rows);
                Solution = backend.Allocate(rows);
            }
            if (host.JacobiSpectralRadius is null)
            {
                CoarseSolver = new DenseCholesky(host.Matrix);
                CoarseBuffer = new double[rows];
                return;
            }
            Smoother = smoother == AmgSmoother.SymmetricGaussSeidel
                ? new SymmetricGaussSeidelSmoother(host.Matrix, host.Diagonal, sweeps)
                : new JacobiSmoother(backend, Matrix, host.Diagonal, host.JacobiSpectralRadius.Value, sweeps);
            if (host.Prolongator is null)
                return;
            Scratch = backend.Allocate(rows);
            Prolongation = backend.Upload(host.Prolongator);
            Restriction = backend.Upload(host.Restriction!);
        }
        catch
        {
            Dispose();
            throw;
        }
    }

    public IDeviceMatrix? Matrix { get; }

    /// <summary>Right-hand side and solution of a coarse level; the finest level works in the caller's vectors.</summary>
    public IDeviceVector? Rhs { get; }
    public IDeviceVector? Solution { get; }

    public IAmgSmoother? Smoother { get; }

    /// <summary>The level's residual, then the prolongated coarse correction.</summary>
    public IDeviceVector? Scratch { get; }
    public IDeviceMatrix? Restriction { get; }
    public IDeviceMatrix? Prolongation { get; }

    public DenseCholesky? CoarseSolver { get; }
    public double[]? CoarseBuffer { get; }

    public void Dispose()
    {
        Matrix?.Dispose();
        Rhs?.Dispose();
        Solution?.Dispose();
        Smoother?.Dispose();
        Scratch?.Dispose();
        Restriction?.Dispose();
        Prolongation?.Dispose();
    }
}
