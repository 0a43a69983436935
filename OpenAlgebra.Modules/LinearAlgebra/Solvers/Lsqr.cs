using OpenAlgebra.Modules.LinearAlgebra.Backends;

namespace OpenAlgebra.Modules.LinearAlgebra.Solvers;

/// <summary>
/// LSQR (Paige &amp; Saunders 1982, without damping) for min ‖A·x − b‖₂: Golub–Kahan bidiagonalization of A on the
/// device, the QR of the bidiagonal by plane rotations on the host. α and β come to the host in one look per iteration;
/// it stops on its estimate of ‖Aᵀr‖₂ / ‖Aᵀb‖₂ (α·|τ|, as in their paper), confirmed on the true value.
/// </summary>
internal sealed class Lsqr : IIterativeMethod
{
    private const int Alpha = 0, Beta = 1, Slots = 2;

    public SolveOutcome Run(SolveSession session)
    {
        var backend = session.Backend;
        var a = session.A;
        var x = session.X;
        using var u = backend.Allocate(a.Rows);
        using var av = backend.Allocate(a.Rows);
        using var v = backend.Allocate(a.Columns);
        using var atu = backend.Allocate(a.Columns);
        using var w = backend.Allocate(a.Columns);
        using var s = backend.AllocateScalars(Slots);
        var host = new double[Slots];
        var divideByAlpha = new Coefficient(1, s, Coefficient.None, Alpha);
        var divideByBeta = new Coefficient(1, s, Coefficient.None, Beta);

        // β₁u₁ = b − A·x₀, α₁v₁ = Aᵀu₁; then ‖Aᵀr₀‖ = α₁β₁.
        backend.Residual(a, x, session.B, u);
        backend.Norm2(u, s, Beta);
        backend.Scale(divideByBeta, u);
        backend.MultiplyTransposed(a, u, v);
        backend.Norm2(v, s, Alpha);
        backend.Read(s, host);
        var initialRelative = host[Beta] == 0 ? 0 : host[Alpha] * host[Beta] / session.ReferenceNorm;
        session.Record(0, initialRelative);
        if (initialRelative <= session.Tolerance)
            return SolveSession.Converged(0, session.MeasureRelativeResidual());
        if (!double.IsFinite(initialRelative))
            return session.Breakdown(0, "LSQR cannot start: the residual is infinite or NaN.");
        backend.Scale(divideByAlpha, v);
        backend.Copy(v, w);

        double alpha = host[Alpha], phiBar = host[Beta], rhoBar = alpha;
        var target = session.Tolerance;
        for (var k = 1; ; k++)
        {
            // βu = A·v − α·u, αv = Aᵀu − β·v.
            backend.Multiply(a, v, av);
            backend.Xpay(av, Coefficient.Of(-alpha), u);
            backend.Norm2(u, s, Beta);
            backend.Scale(divideByBeta, u);
            backend.MultiplyTransposed(a, u, atu);
            backend.Xpay(atu, Coefficient.Of(s, Beta).Negated(), v);
            backend.Norm2(v, s, Alpha);
            backend.Scale(divideByAlpha, v);
            backend.Read(s, host);
            var beta = host[Beta];
            // β = 0 means b lies in the Krylov space: the step below is exact and α (computed from u/0) is meaningless.
            alpha = beta == 0 ? 0 : host[Alpha];
            if (!double.IsFinite(alpha) || !double.IsFinite(beta))
                return session.Breakdown(k - 1, $"LSQR broke down at iteration {k}: the bidiagonalization became infinite or NaN.");

            var rotation = PlaneRotation.Eliminating(rhoBar, beta);
            var theta = rotation.Sine * alpha;
            rhoBar = -rotation.Cosine * alpha;
            var phi = rotation.Cosine * phiBar;
            phiBar *= rotation.Sine;
            var tau = rotation.Sine * phi;
            backend.Axpy(Coefficient.Of(phi / rotation.Norm), w, x);

            var estimate = Math.Abs(alpha * tau) / session.ReferenceNorm;
            session.Record(k, estimate);
            if (estimate <= target && session.Confirm(ref target, out var measured))
                return SolveSession.Converged(k, measured);
            if (alpha == 0)
                return session.Breakdown(k, $"LSQR stopped at iteration {k}: the bidiagonalization ended before the residual reached the tolerance.");
            if (k == session.MaxIterations)
                return session.LimitReached(k);
            backend.Xpay(v, Coefficient.Of(-theta / rotation.Norm), w);
        }
    }
}
