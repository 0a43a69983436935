using System.Diagnostics;
using OpenAlgebra.Modules.LinearAlgebra.Backends;

namespace OpenAlgebra.Modules.LinearAlgebra.Solvers;

/// <summary>
/// What every method of one solve shares: the operands on the backend, the stopping rule, the residual history,
/// cancellation, throttled progress, and the true residual that confirms what a method's recurrence claims.
/// </summary>
/// <remarks>
/// Square systems measure ‖b − A·x‖₂ / ‖b‖₂. Least squares (CGLS, LSQR) measure ‖Aᵀ(b − A·x)‖₂ / ‖Aᵀb‖₂: the
/// normal-equations residual, which goes to zero at the least-squares solution even when b − A·x cannot.
/// </remarks>
internal sealed class SolveSession : IDisposable
{
    private static readonly TimeSpan ProgressInterval = TimeSpan.FromMilliseconds(250);

    private readonly IDeviceVector _residual;
    private readonly IDeviceVector? _normalResidual;
    private readonly IDeviceScalars _norm;
    private readonly IProgress<SolveProgress>? _progress;
    private readonly CancellationToken _cancellation;
    private long _lastReport = Stopwatch.GetTimestamp();

    public SolveSession(
        ILinearAlgebraBackend backend,
        IDeviceMatrix a,
        IDeviceVector b,
        IDeviceVector x,
        IPreconditioner? preconditioner,
        SolveOptions options,
        CancellationToken cancellationToken)
    {
        Backend = backend;
        A = a;
        B = b;
        X = x;
        Preconditioner = preconditioner;
        Tolerance = options.Tolerance;
        MaxIterations = options.MaxIterations;
        Restart = options.Restart;
        LeastSquares = options.Solver is SolverKind.Cgls or SolverKind.Lsqr;
        _progress = options.Progress;
        _cancellation = cancellationToken;
        // Sized for typical solves up front so recording an iteration does not reallocate.
        History = new List<double>(Math.Min(options.MaxIterations, 4095) + 1);
        _residual = backend.Allocate(a.Rows);
        _normalResidual = LeastSquares ? backend.Allocate(a.Columns) : null;
        _norm = backend.AllocateScalars(1);

        if (_normalResidual is null)
        {
            backend.Norm2(b, _norm, 0);
        }
        else
        {
            backend.MultiplyTransposed(a, b, _normalResidual);
            backend.Norm2(_normalResidual, _norm, 0);
        }
        ReferenceNorm = backend.Read(_norm, 0);
    }

    public ILinearAlgebraBackend Backend { get; }
    public IDeviceMatrix A { get; }
    public IDeviceVector B { get; }
    public IDeviceVector X { get; }
    public IPreconditioner? Preconditioner { get; }
    public double Tolerance { get; }
    public int MaxIterations { get; }
    public int Restart { get; }
    public bool LeastSquares { get; }

    /// <summary>‖b‖₂, or ‖Aᵀb‖₂ for least squares: what relative residuals are relative to.</summary>
    public double ReferenceNorm { get; }

    /// <summary>Entry k is the relative residual after k iterations, as the method's own recurrence tracks it.</summary>
    public List<double> History { get; }

    /// <summary>Records iteration <paramref name="iteration"/>'s residual; throws when the solve was cancelled.</summary>
    public void Record(int iteration, double relativeResidual)
    {
        _cancellation.ThrowIfCancellationRequested();
        History.Add(relativeResidual);
        if (_progress is not null && Stopwatch.GetElapsedTime(_lastReport) >= ProgressInterval)
        {
            _lastReport = Stopwatch.GetTimestamp();
            _progress.Report(new SolveProgress(iteration, relativeResidual));
        }
    }

    /// <summary>The relative residual of the current x, computed from scratch (one SpMV, two for least squares).</summary>
    public double MeasureRelativeResidual()
    {
        Backend.Residual(A, X, B, _residual);
        if (_normalResidual is null)
        {
            Backend.Norm2(_residual, _norm, 0);
        }
        else
        {
            Backend.MultiplyTransposed(A, _residual, _normalResidual);
            Backend.Norm2(_normalResidual, _norm, 0);
        }
        return Backend.Read(_norm, 0) / ReferenceNorm;
    }

    /// <summary>
    /// A method's recurrence says its residual reached <paramref name="target"/>: measures the true one. When rounding
    /// has let the recurrence drift below the truth, lowers the target by the gap so the method keeps going.
    /// </summary>
    public bool Confirm(ref double target, out double measured)
    {
        measured = MeasureRelativeResidual();
        if (measured <= Tolerance)
            return true;
        target *= Tolerance / measured;
        return false;
    }

    public static SolveOutcome Converged(int iterations, double measured) => new(true, iterations, measured, null);

    public SolveOutcome LimitReached(int iterations)
    {
        var measured = MeasureRelativeResidual();
        return new SolveOutcome(
            false,
            iterations,
            measured,
            $"Did not reach the tolerance {Tolerance:g3} within {MaxIterations} iterations; the relative residual is {measured:g3}.");
    }

    public SolveOutcome Breakdown(int iterations, string reason) => new(false, iterations, MeasureRelativeResidual(), reason);

    /// <summary>z = M⁻¹·r, or z = r without a preconditioner.</summary>
    public void Precondition(IDeviceVector r, IDeviceVector z)
    {
        if (Preconditioner is null)
            Backend.Copy(r, z);
        else
            Preconditioner.Apply(r, z);
    }

    public void Dispose()
    {
        _residual.Dispose();
        _normalResidual?.Dispose();
        _norm.Dispose();
    }
}
