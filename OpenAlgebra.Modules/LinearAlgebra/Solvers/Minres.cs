using OpenAlgebra.Modules.LinearAlgebra.Backends;

namespace OpenAlgebra.Modules.LinearAlgebra.Solvers;

/// <summary>
/// MINRES (Paige &amp; Saunders 1975) for symmetric, possibly indefinite A, with an optional symmetric positive definite
/// preconditioner; the recurrences follow SciPy's port of their code. The Lanczos vectors stay on the device; α and β²
/// come to the host in one look per iteration, where the QR of the tridiagonal is updated by plane rotations.
/// </summary>
/// <remarks>
/// With a preconditioner the recurrence's φ̄ measures the residual in the M⁻¹-norm, so the history scales it by the
/// initial ratio to estimate ‖r‖₂ / ‖b‖₂, and convergence is confirmed on the true residual.
/// </remarks>
internal sealed class Minres : IIterativeMethod
{
    private const int Alpha = 0, BetaSquared = 1, ResidualNorm = 2, Slots = 3;

    public SolveOutcome Run(SolveSession session)
    {
        var backend = session.Backend;
        var a = session.A;
        var x = session.X;
        var n = a.Rows;
        using var vBuffer = backend.Allocate(n);
        using var yBuffer = backend.Allocate(n);
        using var r1Buffer = backend.Allocate(n);
        using var r2Buffer = backend.Allocate(n);
        using var wBuffer = backend.Allocate(n);
        using var w1Buffer = backend.Allocate(n);
        using var w2Buffer = backend.Allocate(n);
        IDeviceVector v = vBuffer, y = yBuffer, r1 = r1Buffer, r2 = r2Buffer, w = wBuffer, w1 = w1Buffer, w2 = w2Buffer;
        using var s = backend.AllocateScalars(Slots);
        var host = new double[Slots];

        backend.Residual(a, x, session.B, r1);
        session.Precondition(r1, y);
        backend.Dot(r1, y, s, BetaSquared);
        backend.Norm2(r1, s, ResidualNorm);
        backend.Read(s, host);
        var initialRelative = host[ResidualNorm] / session.ReferenceNorm;
        session.Record(0, initialRelative);
        if (initialRelative <= session.Tolerance)
            return SolveSession.Converged(0, initialRelative);
        if (!(host[BetaSquared] > 0) || !double.IsFinite(host[BetaSquared]))
            return session.Breakdown(0, $"MINRES cannot start: r·M⁻¹r = {host[BetaSquared]:g3}, so the preconditioner is not positive definite.");

        var beta1 = Math.Sqrt(host[BetaSquared]);
        backend.Copy(r1, r2);
        backend.Fill(w, 0);
        backend.Fill(w2, 0);
        double oldBeta = 0, beta = beta1, dbar = 0, epsilon = 0, phiBar = beta1, cs = -1, sn = 0;
        var target = session.Tolerance;
        for (var k = 1; ; k++)
        {
            // Lanczos step: v = y/β, y = A·v − (β/β_old)·r1 − (α/β)·r2, α = v·A·v.
            (v, y) = (y, v);
            backend.Scale(Coefficient.Of(1 / beta), v);
            backend.Multiply(a, v, y);
            if (k >= 2)
                backend.Axpy(Coefficient.Of(-beta / oldBeta), r1, y);
            backend.Dot(v, y, s, Alpha);
            backend.Axpy(Coefficient.Of(s, Alpha).Times(-1 / beta), r2, y);
            (r1, r2, y) = (r2, y, r1);
            session.Precondition(r2, y);
            backend.Dot(r2, y, s, BetaSquared);
            backend.Read(s, host.AsSpan(0, 2));

            var alpha = host[Alpha];
            if (!double.IsFinite(alpha) || !double.IsFinite(host[BetaSquared]))
                return session.Breakdown(k - 1, $"MINRES broke down at iteration {k}: the Lanczos scalars became infinite or NaN.");
            if (host[BetaSquared] < 0)
                return session.Breakdown(k - 1, $"MINRES broke down at iteration {k}: r·M⁻¹r = {host[BetaSquared]:g3} < 0, so the preconditioner is not positive definite.");
            oldBeta = beta;
            beta = Math.Sqrt(host[BetaSquared]);

            // Apply the previous rotation, then the one that eliminates β from the new column of the tridiagonal.
            var oldEpsilon = epsilon;
            var delta = cs * dbar + sn * alpha;
            var gBar = sn * dbar - cs * alpha;
            epsilon = sn * beta;
            dbar = -cs * beta;
            var gamma = Math.Sqrt(gBar * gBar + beta * beta);
            if (gamma == 0)
                return session.Breakdown(k - 1, $"MINRES broke down at iteration {k}: the tridiagonal is singular, so A is singular on the Krylov space.");
            cs = gBar / gamma;
            sn = beta / gamma;
            var phi = cs * phiBar;
            phiBar *= sn;

            // w = (v − ε_old·w1 − δ·w2) / γ with w1 ← w2 and w2 ← w; then x += φ·w.
            (w1, w2, w) = (w2, w, w1);
            backend.Copy(v, w);
            backend.Axpy(Coefficient.Of(-oldEpsilon), w1, w);
            backend.Axpy(Coefficient.Of(-delta), w2, w);
            backend.Scale(Coefficient.Of(1 / gamma), w);
            backend.Axpy(Coefficient.Of(phi), w, x);

            var estimate = phiBar / beta1 * initialRelative;
            session.Record(k, estimate);
            if ((estimate <= target || beta == 0) && session.Confirm(ref target, out var measured))
                return SolveSession.Converged(k, measured);
            if (beta == 0)
                return session.Breakdown(k, $"MINRES stopped at iteration {k}: the Lanczos process ended (β = 0) before the residual reached the tolerance.");
            if (k == session.MaxIterations)
                return session.LimitReached(k);
        }
    }
}
