namespace OpenAlgebra.Modules.LinearAlgebra.Solvers;

/// <summary>
/// The Givens rotation [c s; −s c]·[a; b] = [r; 0] in the stable form of Paige &amp; Saunders' SymOrtho (r ≥ 0, no
/// overflow when a or b is huge), as GMRES's Hessenberg QR and LSQR's bidiagonal QR both need.
/// </summary>
internal readonly record struct PlaneRotation(double Cosine, double Sine, double Norm)
{
    public static PlaneRotation Eliminating(double a, double b)
    {
        if (b == 0)
            return new PlaneRotation(a == 0 ? 1 : Math.Sign(a), 0, Math.Abs(a));
        if (a == 0)
            return new PlaneRotation(0, Math.Sign(b), Math.Abs(b));
        if (Math.Abs(b) > Math.Abs(a))
        {
            var tau = a / b;
            var sine = Math.Sign(b) / Math.Sqrt(1 + tau * tau);
            return new PlaneRotation(sine * tau, sine, b / sine);
        }
        else
        {
            var tau = b / a;
            var cosine = Math.Sign(a) / Math.Sqrt(1 + tau * tau);
            return new PlaneRotation(cosine, cosine * tau, a / cosine);
        }
    }
}
