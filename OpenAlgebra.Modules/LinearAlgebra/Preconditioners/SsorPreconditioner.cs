using OpenAlgebra.Modules.LinearAlgebra.Backends;
using OpenAlgebra.Modules.LinearAlgebra.Solvers;
using OpenAlgebra.Modules.LinearAlgebra.Sparse;

namespace OpenAlgebra.Modules.LinearAlgebra.Preconditioners;

/// <summary>
/// SSOR: M = ω/(2−ω) · (D/ω + L)·(D/ω)⁻¹·(D/ω + U), applied as a forward and a backward sweep over A itself (nothing is
/// factored). For symmetric A with a positive diagonal and 0 &lt; ω &lt; 2, M is symmetric positive definite whether or
/// not A is, so it also serves CG and MINRES. The sweeps run on the host (see <see cref="HostSweepVectors"/>).
/// </summary>
internal sealed class SsorPreconditioner : IPreconditioner
{
    private readonly CsrMatrix<double> _a;
    private readonly int[] _diagonal;
    private readonly double[] _relaxedInverse; // ω / aᵢᵢ
    private readonly double[] _middle; // aᵢᵢ·(2−ω)/ω², the (D/ω) and ω/(2−ω) factors between the sweeps
    private readonly HostSweepVectors _vectors;

    /// <exception cref="ArgumentException">ω is outside (0, 2), or A is not square or has a missing or zero diagonal entry.</exception>
    public SsorPreconditioner(ILinearAlgebraBackend backend, CsrMatrix<double> a, double omega)
    {
        if (!(omega > 0 && omega < 2))
            throw new ArgumentOutOfRangeException(nameof(omega), omega, "SSOR's relaxation factor ω must lie strictly between 0 and 2.");
        _diagonal = MatrixDiagonal.Positions(a, "SSOR");
        _a = a;
        _relaxedInverse = new double[a.Rows];
        _middle = new double[a.Rows];
        for (var row = 0; row < a.Rows; row++)
        {
            var diagonal = a.Values[_diagonal[row]];
            if (diagonal == 0)
                throw new ArgumentException($"SSOR needs a nonzero diagonal; row {row}'s diagonal entry is zero.", nameof(a));
            _relaxedInverse[row] = omega / diagonal;
            _middle[row] = diagonal * (2 - omega) / (omega * omega);
        }
        _vectors = new HostSweepVectors(backend, a.Rows);
    }

    public void Apply(IDeviceVector r, IDeviceVector z)
    {
        var input = _vectors.Input(r);
        var output = _vectors.Output(z);
        var pointers = _a.RowPointers;
        var columns = _a.ColumnIndices;
        var values = _a.Values;
        var n = _a.Rows;
        for (var i = 0; i < n; i++)
        {
            var sum = input[i];
            for (var k = pointers[i]; k < _diagonal[i]; k++)
            {
                sum -= values[k] * output[columns[k]];
            }
            output[i] = sum * _relaxedInverse[i];
        }
        for (var i = n - 1; i >= 0; i--)
        {
            var sum = output[i] * _middle[i];
            for (var k = _diagonal[i] + 1; k < pointers[i + 1]; k++)
            {
                sum -= values[k] * output[columns[k]];
            }
            output[i] = sum * _relaxedInverse[i];
        }
        _vectors.Publish(z);
    }

    public void Dispose()
    {
        // Host arrays only.
    }
}
