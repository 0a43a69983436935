using ILGPU;
using ILGPU.Runtime;
using ILGPU.Runtime.CPU;
using ILGPU.Runtime.Cuda;

namespace OpenAlgebra.Modules.LinearAlgebra.Backends.Ilgpu;

/// <summary>
/// One accelerator and its compiled kernels, kept for the life of the process: creating a CUDA context and compiling
/// the kernels costs far more than a small solve, so every solve's <see cref="IlgpuBackend"/> borrows this one and
/// brings only its own stream and buffers.
/// </summary>
internal sealed class IlgpuDevice : IDisposable
{
    private readonly Context _context;

    private IlgpuDevice(Context context, Accelerator accelerator, string description)
    {
        _context = context;
        Accelerator = accelerator;
        Description = description;
        Kernels = new IlgpuKernelSet(accelerator);
    }

    public Accelerator Accelerator { get; }

    /// <summary>What computes, e.g. "NVIDIA H200 (CUDA, 132 SMs)".</summary>
    public string Description { get; }

    public IlgpuKernelSet Kernels { get; }

    /// <summary>ILGPU's CPU accelerator, which every machine has: a GPU simulator for tests, ~100× slower than C#.</summary>
    public static IlgpuDevice CreateCpuAccelerator()
    {
        var context = Context.Create(builder => builder.DefaultCPU());
        try
        {
            return new IlgpuDevice(context, context.CreateCPUAccelerator(0), "ILGPU CPU accelerator");
        }
        catch
        {
            context.Dispose();
            throw;
        }
    }

    /// <summary>The first CUDA device, or null where there is none (no GPU, or no CUDA driver).</summary>
    public static IlgpuDevice? TryCreateCuda()
    {
        var context = Context.Create(builder => builder.Cuda());
        try
        {
            if (context.GetCudaDevices().Count == 0)
            {
                context.Dispose();
                return null;
            }
            var accelerator = context.CreateCudaAccelerator(0);
            return new IlgpuDevice(context, accelerator, $"{accelerator.Name} (CUDA, {accelerator.NumMultiprocessors} SMs)");
        }
        catch
        {
            context.Dispose();
            throw;
        }
    }

    public void Dispose()
    {
        // Disposing the accelerator also frees its kernels and any buffer a backend left behind.
        Accelerator.Dispose();
        _context.Dispose();
    }
}
