using ILGPU;
using ILGPU.Runtime;

namespace OpenAlgebra.Modules.LinearAlgebra.Backends.Ilgpu;

/// <summary>
/// The kernels of one accelerator, each compiled on first use and kept for the accelerator's life: compiling costs
/// tens of milliseconds, a launch microseconds, and a solve launches thousands. Each takes the stream to run on, so
/// concurrent solves share the kernels but not a queue.
/// </summary>
internal sealed class IlgpuKernelSet(Accelerator accelerator)
{
    private readonly Lock _gate = new();
    private int _loads;

    private Action<AcceleratorStream, Index1D, ArrayView<double>, double>? _fill;
    private Action<AcceleratorStream, Index1D, ArrayView<double>, double, int, int, ArrayView<double>>? _scale;
    private Action<AcceleratorStream, Index1D, ArrayView<double>, ArrayView<double>, double, int, int, ArrayView<double>>? _axpy;
    private Action<AcceleratorStream, Index1D, ArrayView<double>, ArrayView<double>, double, int, int, ArrayView<double>>? _xpay;
    private Action<AcceleratorStream, Index1D, ArrayView<double>, ArrayView<double>, ArrayView<double>>? _pointwiseMultiply;
    private Action<AcceleratorStream, Index1D, ArrayView<double>, int, int, int>? _divide;
    private Action<AcceleratorStream, Index1D, ArrayView<int>, ArrayView<int>, ArrayView<double>, ArrayView<double>, ArrayView<double>, ArrayView<double>, int>? _csrThreadPerRow;
    private Action<AcceleratorStream, KernelConfig, ArrayView<int>, ArrayView<int>, ArrayView<double>, ArrayView<double>, ArrayView<double>, ArrayView<double>, int>? _csrWarpPerRow;
    private Action<AcceleratorStream, KernelConfig, ArrayView<double>, ArrayView<double>, ArrayView<double>>? _dotPartials;
    private Action<AcceleratorStream, KernelConfig, ArrayView<double>, int, ArrayView<double>, int, int>? _finishSum;

    /// <summary>How many kernels have been compiled: each at most once, whatever the number of launches.</summary>
    public int Loads
    {
        get
        {
            lock (_gate)
                return _loads;
        }
    }

    public Action<AcceleratorStream, Index1D, ArrayView<double>, double> Fill =>
        Volatile.Read(ref _fill) ?? Load(ref _fill, static accelerator => accelerator.LoadAutoGroupedKernel<Index1D, ArrayView<double>, double>(IlgpuKernels.Fill));

    public Action<AcceleratorStream, Index1D, ArrayView<double>, double, int, int, ArrayView<double>> Scale =>
        Volatile.Read(ref _scale) ?? Load(ref _scale, static accelerator => accelerator.LoadAutoGroupedKernel<Index1D, ArrayView<double>, double, int, int, ArrayView<double>>(IlgpuKernels.Scale));

    public Action<AcceleratorStream, Index1D, ArrayView<double>, ArrayView<double>, double, int, int, ArrayView<double>> Axpy =>
        Volatile.Read(ref _axpy) ?? Load(ref _axpy, static accelerator => accelerator.LoadAutoGroupedKernel<Index1D, ArrayView<double>, ArrayView<double>, double, int, int, ArrayView<double>>(IlgpuKernels.Axpy));

    public Action<AcceleratorStream, Index1D, ArrayView<double>, ArrayView<double>, double, int, int, ArrayView<double>> Xpay =>
        Volatile.Read(ref _xpay) ?? Load(ref _xpay, static accelerator => accelerator.LoadAutoGroupedKernel<Index1D, ArrayView<double>, ArrayView<double>, double, int, int, ArrayView<double>>(IlgpuKernels.Xpay));

    public Action<AcceleratorStream, Index1D, ArrayView<double>, ArrayView<double>, ArrayView<double>> PointwiseMultiply =>
        Volatile.Read(ref _pointwiseMultiply) ?? Load(ref _pointwiseMultiply, static accelerator => accelerator.LoadAutoGroupedKernel<Index1D, ArrayView<double>, ArrayView<double>, ArrayView<double>>(IlgpuKernels.PointwiseMultiply));

    public Action<AcceleratorStream, Index1D, ArrayView<double>, int, int, int> Divide =>
        Volatile.Read(ref _divide) ?? Load(ref _divide, static accelerator => accelerator.LoadAutoGroupedKernel<Index1D, ArrayView<double>, int, int, int>(IlgpuKernels.Divide));

    public Action<AcceleratorStream, Index1D, ArrayView<int>, ArrayView<int>, ArrayView<double>, ArrayView<double>, ArrayView<double>, ArrayView<double>, int> CsrThreadPerRow =>
        Volatile.Read(ref _csrThreadPerRow) ?? Load(ref _csrThreadPerRow, static accelerator => accelerator.LoadAutoGroupedKernel<Index1D, ArrayView<int>, ArrayView<int>, ArrayView<double>, ArrayView<double>, ArrayView<double>, ArrayView<double>, int>(IlgpuKernels.CsrThreadPerRow));

    public Action<AcceleratorStream, KernelConfig, ArrayView<int>, ArrayView<int>, ArrayView<double>, ArrayView<double>, ArrayView<double>, ArrayView<double>, int> CsrWarpPerRow =>
        Volatile.Read(ref _csrWarpPerRow) ?? Load(ref _csrWarpPerRow, static accelerator => accelerator.LoadKernel<ArrayView<int>, ArrayView<int>, ArrayView<double>, ArrayView<double>, ArrayView<double>, ArrayView<double>, int>(IlgpuKernels.CsrWarpPerRow));

    public Action<AcceleratorStream, KernelConfig, ArrayView<double>, ArrayView<double>, ArrayView<double>> DotPartials =>
        Volatile.Read(ref _dotPartials) ?? Load(ref _dotPartials, static accelerator => accelerator.LoadKernel<ArrayView<double>, ArrayView<double>, ArrayView<double>>(IlgpuKernels.DotPartials));

    public Action<AcceleratorStream, KernelConfig, ArrayView<double>, int, ArrayView<double>, int, int> FinishSum =>
        Volatile.Read(ref _finishSum) ?? Load(ref _finishSum, static accelerator => accelerator.LoadKernel<ArrayView<double>, int, ArrayView<double>, int, int>(IlgpuKernels.FinishSum));

    /// <summary>Compiles under a lock: solves on several threads share these kernels, and each must compile once.</summary>
    private T Load<T>(ref T? field, Func<Accelerator, T> compile)
        where T : class
    {
        lock (_gate)
        {
            if (field is null)
            {
                field = compile(accelerator);
                _loads++;
            }
            return field;
        }
    }
}
