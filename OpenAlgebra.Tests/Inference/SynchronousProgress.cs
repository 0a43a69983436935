namespace OpenAlgebra.Tests.Inference;

/// <summary>Progress reported on the reporting thread at once, so a test sees a run start (Progress&lt;T&gt; posts later).</summary>
internal sealed class SynchronousProgress<T>(Action<T> report) : IProgress<T>
{
    public void Report(T value) => report(value);
}
