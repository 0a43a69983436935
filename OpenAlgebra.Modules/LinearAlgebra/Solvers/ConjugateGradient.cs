using OpenAlgebra.Modules.LinearAlgebra.Backends;

namespace OpenAlgebra.Modules.LinearAlgebra.Solvers;

/// <summary>
/// (Preconditioned) conjugate gradients for symmetric positive definite A and M (Hestenes–Stiefel). Each iteration
/// computes q = A·p and p·q first and then reads ρ, p·Ap and ‖r‖ in one look, so a breakdown (p·Ap ≤ 0: A is not
/// positive definite; ρ ≤ 0: M is not) is caught before it corrupts x.
/// </summary>
internal sealed class ConjugateGradient : IIterativeMethod
{
    private const int RhoA = 0, RhoB = 1, PAp = 2, ResidualNorm = 3, Slots = 4;

    public SolveOutcome Run(SolveSession session)
    {
        var backend = session.Backend;
        var n = session.A.Rows;
        var preconditioned = session.Preconditioner is not null;
        using var r = backend.Allocate(n);
        using var p = backend.Allocate(n);
        using var q = backend.Allocate(n);
        using var preconditionedResidual = preconditioned ? backend.Allocate(n) : null;
        var z = preconditionedResidual ?? r;
        using var s = backend.AllocateScalars(Slots);
        var host = new double[Slots];

        backend.Residual(session.A, session.X, session.B, r);
        if (preconditioned)
        {
            session.Preconditioner!.Apply(r, z);
            backend.Norm2(r, s, ResidualNorm);
        }
        backend.Copy(z, p);
        int rho = RhoA, rhoNext = RhoB;
        backend.Dot(r, z, s, rho);

        var target = session.Tolerance;
        for (var k = 0; ; k++)
        {
            backend.Multiply(session.A, p, q);
            backend.Dot(p, q, s, PAp);
            backend.Read(s, host);
            var residualNorm = preconditioned ? host[ResidualNorm] : Math.Sqrt(Math.Max(host[rho], 0));
            var relative = residualNorm / session.ReferenceNorm;
            session.Record(k, relative);
            if (relative <= target && session.Confirm(ref target, out var measured))
                return SolveSession.Converged(k, measured);
            if (k == session.MaxIterations)
                return session.LimitReached(k);
            if (!double.IsFinite(host[rho]) || !double.IsFinite(host[PAp]))
                return session.Breakdown(k, $"CG broke down at iteration {k}: its scalars became infinite or NaN.");
            if (host[rho] <= 0)
                return session.Breakdown(k, $"CG broke down at iteration {k}: r·M⁻¹r = {host[rho]:g3} ≤ 0, so the preconditioner is not positive definite.");
            if (host[PAp] <= 0)
                return session.Breakdown(k, $"CG broke down at iteration {k}: p·Ap = {host[PAp]:g3} ≤ 0, so A is not symmetric positive definite.");

            var alpha = Coefficient.Ratio(s, rho, PAp);
            backend.Axpy(alpha, p, session.X);
            backend.Axpy(alpha.Negated(), q, r);
            if (preconditioned)
            {
                session.Preconditioner!.Apply(r, z);
                backend.Norm2(r, s, ResidualNorm);
            }
            backend.Dot(r, z, s, rhoNext);
            backend.Xpay(z, Coefficient.Ratio(s, rhoNext, rho), p);
            (rho, rhoNext) = (rhoNext, rho);
        }
    }
}
