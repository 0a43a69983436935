using OpenAlgebra.Modules.LinearAlgebra.Backends;

namespace OpenAlgebra.Modules.LinearAlgebra.Solvers;

/// <summary>
/// CGLS: conjugate gradients on the normal equations AᵀA·x = Aᵀb without forming AᵀA, for min ‖A·x − b‖₂ with any
/// rectangular A. It stops on ‖Aᵀr‖₂ / ‖Aᵀb‖₂, which its recurrence carries as γ = ‖s‖², s = Aᵀr.
/// </summary>
internal sealed class Cgls : IIterativeMethod
{
    private const int GammaA = 0, GammaB = 1, QQ = 2, Slots = 3;

    public SolveOutcome Run(SolveSession session)
    {
        var backend = session.Backend;
        var a = session.A;
        using var r = backend.Allocate(a.Rows);
        using var q = backend.Allocate(a.Rows);
        using var normal = backend.Allocate(a.Columns);
        using var p = backend.Allocate(a.Columns);
        using var s = backend.AllocateScalars(Slots);
        var host = new double[Slots];

        backend.Residual(a, session.X, session.B, r);
        backend.MultiplyTransposed(a, r, normal);
        backend.Copy(normal, p);
        int gamma = GammaA, gammaNext = GammaB;
        backend.Dot(normal, normal, s, gamma);

        var target = session.Tolerance;
        for (var k = 0; ; k++)
        {
            backend.Multiply(a, p, q);
            backend.Dot(q, q, s, QQ);
            backend.Read(s, host);
            var relative = Math.Sqrt(Math.Max(host[gamma], 0)) / session.ReferenceNorm;
            session.Record(k, relative);
            if (relative <= target && session.Confirm(ref target, out var measured))
                return SolveSession.Converged(k, measured);
            if (k == session.MaxIterations)
                return session.LimitReached(k);
            if (!double.IsFinite(host[gamma]) || !double.IsFinite(host[QQ]))
                return session.Breakdown(k, $"CGLS broke down at iteration {k}: its scalars became infinite or NaN.");
            if (host[QQ] <= 0)
                return session.Breakdown(k, $"CGLS broke down at iteration {k}: A·p vanished, so no step reduces the residual.");

            var alpha = Coefficient.Ratio(s, gamma, QQ);
            backend.Axpy(alpha, p, session.X);
            backend.Axpy(alpha.Negated(), q, r);
            backend.MultiplyTransposed(a, r, normal);
            backend.Dot(normal, normal, s, gammaNext);
            backend.Xpay(normal, Coefficient.Ratio(s, gammaNext, gamma), p);
            (gamma, gammaNext) = (gammaNext, gamma);
        }
    }
}
