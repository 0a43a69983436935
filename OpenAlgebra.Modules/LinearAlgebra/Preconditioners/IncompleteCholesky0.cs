using OpenAlgebra.Modules.LinearAlgebra.Backends;
using OpenAlgebra.Modules.LinearAlgebra.Solvers;
using OpenAlgebra.Modules.LinearAlgebra.Sparse;

namespace OpenAlgebra.Modules.LinearAlgebra.Preconditioners;

/// <summary>
/// IC(0): L·Lᵀ ≈ A with L on the pattern of A's lower triangle (A is taken as symmetric; its upper triangle is not read).
/// Row i of L is computed from the rows j it references, each entry a sparse dot product found through a column marker,
/// so building costs O(nnz · entries per row). Incomplete factors of an SPD matrix can still meet a nonpositive pivot;
/// then it retries on A + α·max|aᵢᵢ|·I with α growing from 10⁻³, and <see cref="Shift"/> says what was added.
/// </summary>
internal sealed class IncompleteCholesky0 : IPreconditioner
{
    private const double FirstShift = 1e-3;
    private const double ShiftGrowth = 4;
    private const double LargestShift = 1e3;

    private readonly int[] _rowPointers;
    private readonly int[] _columns;
    private readonly double[] _factor;
    private readonly double[] _inverseDiagonal;
    private readonly HostSweepVectors _vectors;

    /// <exception cref="ArgumentException">
    /// A is not square or lacks a diagonal entry, or even A + 10³·max|aᵢᵢ|·I has no incomplete factor.
    /// </exception>
    public IncompleteCholesky0(ILinearAlgebraBackend backend, CsrMatrix<double> a)
    {
        var diagonal = MatrixDiagonal.Positions(a, "IC(0)");
        var n = a.Rows;
        _rowPointers = new int[n + 1];
        for (var row = 0; row < n; row++)
        {
            _rowPointers[row + 1] = _rowPointers[row] + diagonal[row] - a.RowPointers[row] + 1;
        }
        _columns = new int[_rowPointers[n]];
        var lower = new double[_rowPointers[n]];
        var largestDiagonal = 0.0;
        for (var row = 0; row < n; row++)
        {
            var count = _rowPointers[row + 1] - _rowPointers[row];
            Array.Copy(a.ColumnIndices, a.RowPointers[row], _columns, _rowPointers[row], count);
            Array.Copy(a.Values, a.RowPointers[row], lower, _rowPointers[row], count);
            largestDiagonal = Math.Max(largestDiagonal, Math.Abs(a.Values[diagonal[row]]));
        }
        _factor = new double[lower.Length];
        _inverseDiagonal = new double[n];

        var failedRow = TryFactor(lower, 0);
        for (var alpha = FirstShift; failedRow >= 0; alpha *= ShiftGrowth)
        {
            if (alpha > LargestShift)
                throw new ArgumentException($"IC(0) broke down at row {failedRow} even with a diagonal shift of {LargestShift:g}·max|aᵢᵢ|; A is far from positive definite.", nameof(a));
            Shift = alpha * largestDiagonal;
            failedRow = TryFactor(lower, Shift);
        }
        _vectors = new HostSweepVectors(backend, n);
    }

    /// <summary>What was added to A's diagonal before the factorization succeeded; 0 when none was needed.</summary>
    public double Shift { get; }

    /// <returns>−1 on success, otherwise the row whose pivot was not positive.</returns>
    private int TryFactor(double[] lower, double shift)
    {
        var n = _inverseDiagonal.Length;
        var marker = new int[n];
        Array.Fill(marker, -1);
        for (var i = 0; i < n; i++)
        {
            int start = _rowPointers[i], diagonal = _rowPointers[i + 1] - 1;
            for (var k = start; k <= diagonal; k++)
            {
                marker[_columns[k]] = k;
            }
            // lᵢⱼ = (aᵢⱼ − Σ_{m<j} lᵢₘ·lⱼₘ) / lⱼⱼ, in column order, so the lᵢₘ it needs are already final.
            for (var k = start; k < diagonal; k++)
            {
                var j = _columns[k];
                var sum = lower[k];
                for (var m = _rowPointers[j]; m < _rowPointers[j + 1] - 1; m++)
                {
                    var at = marker[_columns[m]];
                    if (at >= 0)
                        sum -= _factor[at] * _factor[m];
                }
                _factor[k] = sum * _inverseDiagonal[j];
            }
            var pivot = lower[diagonal] + shift;
            for (var k = start; k < diagonal; k++)
            {
                pivot -= _factor[k] * _factor[k];
            }
            for (var k = start; k <= diagonal; k++)
            {
                marker[_columns[k]] = -1;
            }
            if (!(pivot > 0) || !double.IsFinite(pivot))
                return i;
            _factor[diagonal] = Math.Sqrt(pivot);
            _inverseDiagonal[i] = 1 / _factor[diagonal];
        }
        return -1;
    }

    public void Apply(IDeviceVector r, IDeviceVector z)
    {
        var input = _vectors.Input(r);
        var output = _vectors.Output(z);
        var n = _inverseDiagonal.Length;
        // L·y = r by rows, then Lᵀ·z = y by columns of Lᵀ, which are the rows of L: each solved zᵢ is scattered upward.
        for (var i = 0; i < n; i++)
        {
            var sum = input[i];
            var diagonal = _rowPointers[i + 1] - 1;
            for (var k = _rowPointers[i]; k < diagonal; k++)
            {
                sum -= _factor[k] * output[_columns[k]];
            }
            output[i] = sum * _inverseDiagonal[i];
        }
        for (var i = n - 1; i >= 0; i--)
        {
            var zi = output[i] *= _inverseDiagonal[i];
            var diagonal = _rowPointers[i + 1] - 1;
            for (var k = _rowPointers[i]; k < diagonal; k++)
            {
                output[_columns[k]] -= _factor[k] * zi;
            }
        }
        _vectors.Publish(z);
    }

    public void Dispose()
    {
        // Host arrays only.
    }
}
