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
        rowPointers = Copy(accelerator, source.RowPointers);
        columnIndices = Copy(accelerator, source.ColumnIndices);
        values = Copy(accelerator, source.Values);
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

    /// <summary>
    /// Allocates and copies. ILGPU's own <c>Allocate1D(T[])</c> throws on an empty array, which a matrix without entries
    /// has.
    /// </summary>
    private static MemoryBuffer1D<T, Stride1D.Dense> Copy<T>(Accelerator accelerator, T[] data)
        where T : unmanaged
    {
        var buffer = accelerator.Allocate1D<T>(data.Length);
        if (data.Length > 0)
            buffer.CopyFromCPU(data);
        return buffer;
    }

    public void Dispose()
    {
        transposed?.Dispose();
        rowPointers.Dispose();
        columnIndices.Dispose();
        values.Dispose();
    }
}
