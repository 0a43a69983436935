using OpenAlgebra.Modules.LinearAlgebra.Backends;
using OpenAlgebra.Modules.LinearAlgebra.Solvers;
using OpenAlgebra.Modules.LinearAlgebra.Sparse;

namespace OpenAlgebra.Modules.LinearAlgebra.Preconditioners;

/// <summary>M = diag(A): z = D⁻¹·r as one element-wise product on the backend, so it runs wherever the solve runs.</summary>
internal sealed class JacobiPreconditioner : IPreconditioner
{
    private readonly ILinearAlgebraBackend _backend;
    private readonly IDeviceVector _inverseDiagonal;

    /// <exception cref="ArgumentException">A is not square, or a diagonal entry is missing or zero (the row is named).</exception>
    public JacobiPreconditioner(ILinearAlgebraBackend backend, CsrMatrix<double> a)
    {
        var positions = MatrixDiagonal.Positions(a, "Jacobi");
        var inverse = new double[a.Rows];
        for (var row = 0; row < a.Rows; row++)
        {
            var diagonal = a.Values[positions[row]];
            if (diagonal == 0)
                throw new ArgumentException($"Jacobi needs a nonzero diagonal; row {row}'s diagonal entry is zero.", nameof(a));
            inverse[row] = 1 / diagonal;
        }
        _backend = backend;
        _inverseDiagonal = backend.Allocate(a.Rows);
        backend.CopyToDevice(inverse, _inverseDiagonal);
    }

    public void Apply(IDeviceVector r, IDeviceVector z) => _backend.PointwiseMultiply(_inverseDiagonal, r, z);

    public void Dispose() => _inverseDiagonal.Dispose();
}
