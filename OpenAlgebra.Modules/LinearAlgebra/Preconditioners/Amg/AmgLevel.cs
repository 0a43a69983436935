using OpenAlgebra.Modules.LinearAlgebra.Backends;
using OpenAlgebra.Modules.LinearAlgebra.Sparse;

namespace OpenAlgebra.Modules.LinearAlgebra.Preconditioners.Amg;

/// <summary>
/// One level of the hierarchy and everything the V-cycle touches on it, allocated at setup so a cycle allocates nothing.
/// A level either passes its residual down (<see cref="Restriction"/>, <see cref="Prolongation"/>), or is the coarsest
/// and solves directly (<see cref="CoarseSolver"/>) or, when coarsening stalled above the dense size, only smooths.
/// </summary>
internal sealed class AmgLevel(CsrMatrix<double> matrix, IDeviceMatrix deviceMatrix, IDeviceVector scratch) : IDisposable
{
    public CsrMatrix<double> Matrix { get; } = matrix;
    public IDeviceMatrix DeviceMatrix { get; } = deviceMatrix;

    /// <summary>The level's residual, then the prolongated coarse correction.</summary>
    public IDeviceVector Scratch { get; } = scratch;

    /// <summary>Right-hand side and solution of a coarse level; the finest level uses the caller's vectors.</summary>
    public IDeviceVector? Rhs { get; set; }
    public IDeviceVector? Solution { get; set; }

    public IAmgSmoother? Smoother { get; set; }
    public IDeviceMatrix? Restriction { get; set; }
    public IDeviceMatrix? Prolongation { get; set; }
    public DenseCholesky? CoarseSolver { get; set; }
    public double[]? CoarseBuffer { get; set; }

    public void Dispose()
    {
        DeviceMatrix.Dispose();
        Scratch.Dispose();
        Rhs?.Dispose();
        Solution?.Dispose();
        Smoother?.Dispose();
        Restriction?.Dispose();
        Prolongation?.Dispose();
    }
}
