using ILGPU;
using ILGPU.Runtime;
using OpenAlgebra.Modules.LinearAlgebra.Sparse;

namespace OpenAlgebra.Modules.LinearAlgebra.Backends.Ilgpu;

/// <summary>A CSR matrix in an accelerator's memory, with the SpMV kernel chosen for its row lengths.</summary>
internal sealed class IlgpuMatrix : IDeviceMatrix
{
    private readonly Accelerator accelerator;
    private readonly CsrMatrix<double> source;
    private readonly MemoryBuffer1D<int, Stride1D.Dense> rowPointers;
    private readonly MemoryBuffer1D<int, Stride1D.Dense> columnIndices;
    private readonly MemoryBuffer1D<double, Stride1D.Dense> values;
    private IlgpuMatrix? transposed;

    public IlgpuMatrix(IlgpuBackend owner, Accelerator accelerator, CsrMatrix<double> source, SpmvKernel kernel)
    {
        Owner = owner;
        this.accelerator = accelerator;
        this.source = source;
        Kernel = kernel;
        Rows = source.Rows;
        Columns = source.Columns;
        rowPointers = accelerator.Allocate1D(source.RowPointers);
        columnIndices = accelerator.Allocate1D(source.ColumnIndices);
        values = accelerator.Allocate1D(source.Values);
    }

    public IlgpuBackend Owner { get; }
    public int Rows { get; }
    public int Columns { get; }
    public SpmvKernel Kernel { get; }
    public bool IsDisposed => values.IsDisposed;
    public ArrayView<int> RowPointers => rowPointers.View;
    public ArrayView<int> ColumnIndices => columnIndices.View;
    public ArrayView<double> Values => values.View;

    /// <summary>
    /// Aᵀ on the device, uploaded on first use: most solves never multiply by Aᵀ, and the ones that do (CGLS, LSQR)
    /// pay for the upload once, before their first iteration's product completes.
    /// </summary>
    public IlgpuMatrix Transposed
    {
        get
        {
            if (transposed is null)
            {
                var t = HostTranspose.Of(source);
                transposed = new IlgpuMatrix(Owner, accelerator, t, SpmvKernelChoice.For(t.Rows, t.NonZeros));
            }
            return transposed;
        }
    }

    public void Dispose()
    {
        transposed?.Dispose();
        rowPointers.Dispose();
        columnIndices.Dispose();
        values.Dispose();
    }
}
