using ILGPU;
using ILGPU.Runtime;
using OpenAlgebra.Modules.LinearAlgebra.Sparse;

namespace OpenAlgebra.Modules.LinearAlgebra.Backends.Ilgpu;

/// <summary>A CSR matrix in an accelerator's memory, with the SpMV kernel chosen for its row lengths.</summary>
internal sealed class IlgpuMatrix : IDeviceMatrix
{
    private readonly Accelerator _accelerator;
    private readonly AcceleratorStream _stream;
    private readonly CsrMatrix<double> _source;
    private readonly MemoryBuffer1D<int, Stride1D.Dense> _rowPointers;
    private readonly MemoryBuffer1D<int, Stride1D.Dense> _columnIndices;
    private readonly MemoryBuffer1D<double, Stride1D.Dense> _values;
    private IlgpuMatrix? _transposed;

    public IlgpuMatrix(IlgpuBackend owner, Accelerator accelerator, AcceleratorStream stream, CsrMatrix<double> source, SpmvKernel kernel)
    {
        Owner = owner;
        _accelerator = accelerator;
        _stream = stream;
        _source = source;
        Kernel = kernel;
        Rows = _source.Rows;
        Columns = _source.Columns;
        _rowPointers = Copy(_source.RowPointers);
        _columnIndices = Copy(_source.ColumnIndices);
        _values = Copy(_source.Values);
    }

    public IlgpuBackend Owner { get; }
    public int Rows { get; }
    public int Columns { get; }
    public SpmvKernel Kernel { get; }
    public bool IsDisposed => _values.IsDisposed;
    public ArrayView<int> RowPointers => _rowPointers.View;
    public ArrayView<int> ColumnIndices => _columnIndices.View;
    public ArrayView<double> Values => _values.View;

    /// <summary>
    /// Aᵀ on the device, uploaded on first use: most solves never multiply by Aᵀ, and the ones that do (CGLS, LSQR)
    /// pay for it once, at their first product.
    /// </summary>
    public IlgpuMatrix Transposed
    {
        get
        {
            if (_transposed is null)
            {
                // Transposed on the host, not scattered with atomic adds on the device: atomics would make every Aᵀ·x
                // differ in its last bits from run to run.
                var t = _source.Transpose();
                _transposed = new IlgpuMatrix(Owner, _accelerator, _stream, t, SpmvKernelChoice.For(t.Rows, t.NonZeros));
            }
            return _transposed;
        }
    }

    /// <summary>
    /// Allocates and copies. ILGPU's own <c>Allocate1D(T[])</c> throws on an empty array, which a matrix without entries
    /// has.
    /// </summary>
    private MemoryBuffer1D<T, Stride1D.Dense> Copy<T>(T[] data)
        where T : unmanaged
    {
        var buffer = _accelerator.Allocate1D<T>(data.Length);
        if (data.Length > 0)
            buffer.View.CopyFromCPU(_stream, new ReadOnlySpan<T>(data));
        return buffer;
    }

    public void Dispose()
    {
        _transposed?.Dispose();
        _rowPointers.Dispose();
        _columnIndices.Dispose();
        _values.Dispose();
    }
}
