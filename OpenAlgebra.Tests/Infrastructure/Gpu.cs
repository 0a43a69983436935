namespace OpenAlgebra.Tests.Infrastructure;

/// <summary>
/// Whether this run has a CUDA GPU: declared with <c>OPENALGEBRA_TEST_GPU=1</c> (ops/gpu-check.sh sets it). Unlike the
/// other services, a missing GPU skips a test even under CI, because CI machines have none; the GPU tests also carry
/// the trait <c>Category=Gpu</c> so a GPU machine can run just them.
/// </summary>
internal static class Gpu
{
    public const string Variable = "OPENALGEBRA_TEST_GPU";
    public const string Category = "Gpu";

    public static bool Declared => Environment.GetEnvironmentVariable(Variable) == "1";

    public static void Require()
    {
        if (!Declared)
            Assert.Skip($"No GPU declared: set {Variable}=1 on a machine with a CUDA device (ops/gpu-check.sh does).");
    }
}
