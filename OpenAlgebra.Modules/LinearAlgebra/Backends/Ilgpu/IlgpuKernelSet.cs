using ILGPU;
using ILGPU.Runtime;

namespace OpenAlgebra.Modules.LinearAlgebra.Backends.Ilgpu;

/// <summary>
/// The kernels of one accelerator, each compiled on first use and kept for the accelerator's life: compiling costs
/// tens of milliseconds, a launch microseconds, and a solve launches thousands.
/// </summary>
internal sealed class IlgpuKernelSet(Accelerator accelerator)
{
    private int loads;

    private Action<Index1D, ArrayView<double>, double>? fill;
    private Action<Index1D, ArrayView<double>, DeviceCoefficient, ArrayView<double>>? scale;
    private Action<Index1D, ArrayView<double>, ArrayView<double>, DeviceCoefficient, ArrayView<double>>? axpy;
    private Action<Index1D, ArrayView<double>, ArrayView<double>, DeviceCoefficient, ArrayView<double>>? xpay;
    private Action<Index1D, ArrayView<double>, ArrayView<double>, ArrayView<double>>? pointwiseMultiply;
    private Action<Index1D, ArrayView<double>, int, int, int>? divide;
    private Action<Index1D, ArrayView<int>, ArrayView<int>, ArrayView<double>, ArrayView<double>, ArrayView<double>, ArrayView<double>, int>? csrThreadPerRow;
    private Action<KernelConfig, ArrayView<int>, ArrayView<int>, ArrayView<double>, ArrayView<double>, ArrayView<double>, ArrayView<double>, int>? csrWarpPerRow;
    private Action<KernelConfig, ArrayView<double>, ArrayView<double>, ArrayView<double>>? dotPartials;
    private Action<KernelConfig, ArrayView<double>, int, ArrayView<double>, int, int>? finishSum;

    /// <summary>How many kernels have been compiled: each at most once, whatever the number of launches.</summary>
    public int Loads => Volatile.Read(ref loads);

    public Action<Index1D, ArrayView<double>, double> Fill =>
        fill ??= Counted(accelerator.LoadAutoGroupedStreamKernel<Index1D, ArrayView<double>, double>(IlgpuKernels.Fill));

    public Action<Index1D, ArrayView<double>, DeviceCoefficient, ArrayView<double>> Scale =>
        scale ??= Counted(accelerator.LoadAutoGroupedStreamKernel<Index1D, ArrayView<double>, DeviceCoefficient, ArrayView<double>>(IlgpuKernels.Scale));

    public Action<Index1D, ArrayView<double>, ArrayView<double>, DeviceCoefficient, ArrayView<double>> Axpy =>
        axpy ??= Counted(accelerator.LoadAutoGroupedStreamKernel<Index1D, ArrayView<double>, ArrayView<double>, DeviceCoefficient, ArrayView<double>>(IlgpuKernels.Axpy));

    public Action<Index1D, ArrayView<double>, ArrayView<double>, DeviceCoefficient, ArrayView<double>> Xpay =>
        xpay ??= Counted(accelerator.LoadAutoGroupedStreamKernel<Index1D, ArrayView<double>, ArrayView<double>, DeviceCoefficient, ArrayView<double>>(IlgpuKernels.Xpay));

    public Action<Index1D, ArrayView<double>, ArrayView<double>, ArrayView<double>> PointwiseMultiply =>
        pointwiseMultiply ??= Counted(accelerator.LoadAutoGroupedStreamKernel<Index1D, ArrayView<double>, ArrayView<double>, ArrayView<double>>(IlgpuKernels.PointwiseMultiply));

    public Action<Index1D, ArrayView<double>, int, int, int> Divide =>
        divide ??= Counted(accelerator.LoadAutoGroupedStreamKernel<Index1D, ArrayView<double>, int, int, int>(IlgpuKernels.Divide));

    public Action<Index1D, ArrayView<int>, ArrayView<int>, ArrayView<double>, ArrayView<double>, ArrayView<double>, ArrayView<double>, int> CsrThreadPerRow =>
        csrThreadPerRow ??= Counted(accelerator.LoadAutoGroupedStreamKernel<Index1D, ArrayView<int>, ArrayView<int>, ArrayView<double>, ArrayView<double>, ArrayView<double>, ArrayView<double>, int>(IlgpuKernels.CsrThreadPerRow));

    public Action<KernelConfig, ArrayView<int>, ArrayView<int>, ArrayView<double>, ArrayView<double>, ArrayView<double>, ArrayView<double>, int> CsrWarpPerRow =>
        csrWarpPerRow ??= Counted(accelerator.LoadStreamKernel<ArrayView<int>, ArrayView<int>, ArrayView<double>, ArrayView<double>, ArrayView<double>, ArrayView<double>, int>(IlgpuKernels.CsrWarpPerRow));

    public Action<KernelConfig, ArrayView<double>, ArrayView<double>, ArrayView<double>> DotPartials =>
        dotPartials ??= Counted(accelerator.LoadStreamKernel<ArrayView<double>, ArrayView<double>, ArrayView<double>>(IlgpuKernels.DotPartials));

    public Action<KernelConfig, ArrayView<double>, int, ArrayView<double>, int, int> FinishSum =>
        finishSum ??= Counted(accelerator.LoadStreamKernel<ArrayView<double>, int, ArrayView<double>, int, int>(IlgpuKernels.FinishSum));

    private T Counted<T>(T kernel)
    {
        Interlocked.Increment(ref loads);
        return kernel;
    }
}
