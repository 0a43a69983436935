using OpenAlgebra.Modules.LinearAlgebra.Backends;

namespace OpenAlgebra.Modules.LinearAlgebra.Solvers;

/// <summary>
/// BiCGSTAB (van der Vorst 1992) for nonsymmetric A, right-preconditioned (A·M⁻¹·u = b, x = M⁻¹·u) so the residual it
/// tracks is the true b − A·x. One look at the scalars per iteration, at the half step: it tests the previous full
/// step's residual, the half step's ‖s‖, and the breakdowns ρ = r̂·r = 0, r̂·v = 0 and ω = t·s / t·t = 0.
/// </summary>
internal sealed class BiCgStab : IIterativeMethod
{
    // Slots 0 … Read − 1 come to the host each iteration; the rest stay on the device.
    private const int RhoA = 0, RhoB = 1, ShadowV = 2, HalfNorm = 3, ResidualNorm = 4, TS = 5, TT = 6, Read = 7;
    private const int Alpha = 7, Omega = 8, RhoOverOmega = 9, RhoOverAlpha = 10, Slots = 11;

    public SolveOutcome Run(SolveSession session)
    {
        var backend = session.Backend;
        var a = session.A;
        var x = session.X;
        var n = a.Rows;
        var preconditioned = session.Preconditioner is not null;
        using var r = backend.Allocate(n);
        using var shadow = backend.Allocate(n);
        using var p = backend.Allocate(n);
        using var v = backend.Allocate(n);
        using var t = backend.Allocate(n);
        using var preconditionedP = preconditioned ? backend.Allocate(n) : null;
        using var preconditionedS = preconditioned ? backend.Allocate(n) : null;
        var pHat = preconditionedP ?? p;
        var sHat = preconditionedS ?? r; // r holds s = r − α·v from the half step on
        using var s = backend.AllocateScalars(Slots);
        var host = new double[Read];

        backend.Residual(a, x, session.B, r);
        backend.Copy(r, shadow);
        backend.Copy(r, p);
        int rho = RhoA, rhoNext = RhoB;
        backend.Dot(shadow, r, s, rho);
        backend.Norm2(r, s, ResidualNorm);
        backend.Write(s, TS, 1); // no previous ω to test before the first step
        backend.Write(s, TT, 1);

        var target = session.Tolerance;
        for (var k = 0; ; k++)
        {
            // Half step of iteration k + 1: s = r − α·v with α = ρ / r̂·v, v = A·M⁻¹·p.
            if (preconditioned)
                session.Preconditioner!.Apply(p, pHat);
            backend.Multiply(a, pHat, v);
            backend.Dot(shadow, v, s, ShadowV);
            backend.Divide(s, Alpha, rho, ShadowV);
            backend.Axpy(Coefficient.Of(s, Alpha).Negated(), v, r);
            backend.Norm2(r, s, HalfNorm);
            backend.Read(s, host);

            var relative = host[ResidualNorm] / session.ReferenceNorm;
            session.Record(k, relative);
            if (relative <= target && session.Confirm(ref target, out var measured))
                return SolveSession.Converged(k, measured);
            if (k == session.MaxIterations)
                return session.LimitReached(k);
            if (host[TT] == 0)
                return session.Breakdown(k, $"BiCGSTAB broke down at iteration {k}: t = A·M⁻¹·s vanished with s ≠ 0, so A is singular.");
            if (host[TS] == 0)
                return session.Breakdown(k, $"BiCGSTAB broke down at iteration {k}: ω = t·s / t·t is zero.");
            if (host[rho] == 0)
                return session.Breakdown(k, $"BiCGSTAB broke down at iteration {k}: ρ = r̂·r is zero.");
            if (host[ShadowV] == 0)
                return session.Breakdown(k, $"BiCGSTAB broke down at iteration {k}: r̂·v is zero, so α is undefined.");
            if (!AllFinite(host))
                return session.Breakdown(k, $"BiCGSTAB broke down at iteration {k}: its scalars became infinite or NaN.");

            backend.Axpy(Coefficient.Of(s, Alpha), pHat, x);
            var halfRelative = host[HalfNorm] / session.ReferenceNorm;
            if (halfRelative <= target && session.Confirm(ref target, out measured))
            {
                session.Record(k + 1, halfRelative);
                return SolveSession.Converged(k + 1, measured);
            }

            // Second half: t = A·M⁻¹·s, ω = t·s / t·t, x += ω·M⁻¹·s, r = s − ω·t.
            if (preconditioned)
                session.Preconditioner!.Apply(r, sHat);
            backend.Multiply(a, sHat, t);
            backend.Dot(t, r, s, TS);
            backend.Dot(t, t, s, TT);
            backend.Divide(s, Omega, TS, TT);
            var omega = Coefficient.Of(s, Omega);
            backend.Axpy(omega, sHat, x);
            backend.Axpy(omega.Negated(), t, r);
            backend.Norm2(r, s, ResidualNorm);

            // p = r + β·(p − ω·v) with β = (ρₖ₊₁/ρₖ)·(α/ω), formed as (ρₖ₊₁/ω) / (ρₖ/α) from slot ratios alone.
            backend.Dot(shadow, r, s, rhoNext);
            backend.Divide(s, RhoOverOmega, rhoNext, Omega);
            backend.Divide(s, RhoOverAlpha, rho, Alpha);
            backend.Axpy(omega.Negated(), v, p);
            backend.Xpay(r, Coefficient.Ratio(s, RhoOverOmega, RhoOverAlpha), p);
            (rho, rhoNext) = (rhoNext, rho);
        }
    }

    private static bool AllFinite(double[] values)
    {
        foreach (var value in values)
        {
            if (!double.IsFinite(value))
                return false;
        }
        return true;
    }
}
