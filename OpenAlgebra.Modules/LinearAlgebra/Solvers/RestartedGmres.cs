using OpenAlgebra.Modules.LinearAlgebra.Backends;

namespace OpenAlgebra.Modules.LinearAlgebra.Solvers;

/// <summary>
/// GMRES(m) (Saad &amp; Schultz 1986), right-preconditioned so the minimized residual is the true b − A·x. The Arnoldi
/// basis is orthogonalized by modified Gram–Schmidt on the device (each hᵢⱼ stays in a scalar slot that the next axpy
/// uses); the small Hessenberg least-squares problem is reduced by Givens rotations on the host, which reads column j
/// of H in one look. Each restart recomputes the true residual, and only that decides convergence.
/// </summary>
internal sealed class RestartedGmres : IIterativeMethod
{
    public SolveOutcome Run(SolveSession session)
    {
        var backend = session.Backend;
        var a = session.A;
        var x = session.X;
        var n = a.Rows;
        var m = Math.Min(session.Restart, n);
        var preconditioned = session.Preconditioner is not null;
        var basis = new IDeviceVector[m + 1];
        try
        {
            for (var i = 0; i <= m; i++)
            {
                basis[i] = backend.Allocate(n);
            }
            using var preconditionedVector = preconditioned ? backend.Allocate(n) : null;
            using var combination = preconditioned ? backend.Allocate(n) : null;
            // Slot i holds hᵢⱼ while column j is built, slot j + 1 the norm that becomes hⱼ₊₁,ⱼ.
            using var s = backend.AllocateScalars(m + 1);
            var hessenberg = new double[m + 1, m];
            var rotations = new PlaneRotation[m];
            var g = new double[m + 1];
            var y = new double[m];
            var host = new double[m + 1];

            var iterations = 0;
            var target = session.Tolerance;
            var stoppedOnEstimate = false;
            while (true)
            {
                backend.Residual(a, x, session.B, basis[0]);
                backend.Norm2(basis[0], s, 0);
                var beta = backend.Read(s, 0);
                var relative = beta / session.ReferenceNorm;
                if (iterations == 0)
                    session.Record(0, relative);
                if (relative <= session.Tolerance)
                    return SolveSession.Converged(iterations, relative);
                if (iterations >= session.MaxIterations)
                    return session.LimitReached(iterations);
                if (!double.IsFinite(beta))
                    return session.Breakdown(iterations, $"GMRES broke down after {iterations} iterations: the residual became infinite or NaN.");
                if (stoppedOnEstimate)
                    target *= session.Tolerance / relative; // the recurrence ran ahead of the true residual

                backend.Scale(new Coefficient(1, s, Coefficient.None, 0), basis[0]);
                Array.Clear(g);
                g[0] = beta;
                var columns = 0;
                stoppedOnEstimate = false;
                for (var j = 0; j < m; j++)
                {
                    var w = basis[j + 1];
                    if (preconditioned)
                    {
                        session.Preconditioner!.Apply(basis[j], preconditionedVector!);
                        backend.Multiply(a, preconditionedVector!, w);
                    }
                    else
                    {
                        backend.Multiply(a, basis[j], w);
                    }
                    for (var i = 0; i <= j; i++)
                    {
                        backend.Dot(w, basis[i], s, i);
                        backend.Axpy(Coefficient.Of(s, i).Negated(), basis[i], w);
                    }
                    backend.Norm2(w, s, j + 1);
                    backend.Read(s, host.AsSpan(0, j + 2));
                    iterations++;

                    for (var i = 0; i <= j; i++)
                    {
                        hessenberg[i, j] = host[i];
                    }
                    for (var i = 0; i < j; i++)
                    {
                        var (c, sn) = (rotations[i].Cosine, rotations[i].Sine);
                        var upper = hessenberg[i, j];
                        hessenberg[i, j] = c * upper + sn * hessenberg[i + 1, j];
                        hessenberg[i + 1, j] = -sn * upper + c * hessenberg[i + 1, j];
                    }
                    var subdiagonal = host[j + 1];
                    var rotation = rotations[j] = PlaneRotation.Eliminating(hessenberg[j, j], subdiagonal);
                    hessenberg[j, j] = rotation.Norm;
                    g[j + 1] = -rotation.Sine * g[j];
                    g[j] *= rotation.Cosine;
                    var estimate = Math.Abs(g[j + 1]) / session.ReferenceNorm;
                    session.Record(iterations, estimate);

                    if (!double.IsFinite(rotation.Norm) || !double.IsFinite(subdiagonal))
                        return session.Breakdown(iterations, $"GMRES broke down at iteration {iterations}: the Arnoldi scalars became infinite or NaN.");
                    if (rotation.Norm == 0)
                        return session.Breakdown(iterations, $"GMRES broke down at iteration {iterations}: the Krylov space holds no better solution, so A is singular.");
                    columns = j + 1;
                    stoppedOnEstimate = estimate <= target;
                    // A zero hⱼ₊₁,ⱼ is the lucky breakdown: the Krylov space holds the exact solution.
                    if (stoppedOnEstimate || subdiagonal == 0 || iterations >= session.MaxIterations)
                        break;
                    backend.Scale(new Coefficient(1, s, Coefficient.None, j + 1), w);
                }

                for (var i = columns - 1; i >= 0; i--)
                {
                    var sum = g[i];
                    for (var l = i + 1; l < columns; l++)
                    {
                        sum -= hessenberg[i, l] * y[l];
                    }
                    y[i] = sum / hessenberg[i, i];
                }
                var destination = preconditioned ? combination! : x;
                if (preconditioned)
                    backend.Fill(combination!, 0);
                for (var i = 0; i < columns; i++)
                {
                    backend.Axpy(Coefficient.Of(y[i]), basis[i], destination);
                }
                if (preconditioned)
                {
                    session.Preconditioner!.Apply(combination!, preconditionedVector!);
                    backend.Axpy(Coefficient.Of(1), preconditionedVector!, x);
                }
            }
        }
        finally
        {
            foreach (var vector in basis)
            {
                vector?.Dispose();
            }
        }
    }
}
