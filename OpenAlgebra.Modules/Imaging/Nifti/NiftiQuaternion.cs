namespace OpenAlgebra.Modules.Imaging.Nifti;

/// <summary>
/// The qform's rotation as a unit quaternion (a, b, c, d) with a ≥ 0, of which the header stores b, c, d.
/// Matrices are 3×3, row-major. Follows nifti1_io's nifti_quatern_to_mat44 and nifti_mat44_to_quatern.
/// </summary>
internal static class NiftiQuaternion
{
    public static double[] ToRotation(double b, double c, double d)
    {
        var a = 1 - ((b * b) + (c * c) + (d * d));
        if (a < 1e-7)
        {
            // b, c, d already hold (nearly) a unit vector: a 180° rotation. Renormalise rather than take the root of a
            // rounding error, as nifti1_io does.
            var scale = 1 / Math.Sqrt((b * b) + (c * c) + (d * d));
            (a, b, c, d) = (0, b * scale, c * scale, d * scale);
        }
        else
        {
            a = Math.Sqrt(a);
        }

        return
        [
            (a * a) + (b * b) - (c * c) - (d * d), 2 * ((b * c) - (a * d)), 2 * ((b * d) + (a * c)),
            2 * ((b * c) + (a * d)), (a * a) + (c * c) - (b * b) - (d * d), 2 * ((c * d) - (a * b)),
            2 * ((b * d) - (a * c)), 2 * ((c * d) + (a * b)), (a * a) + (d * d) - (c * c) - (b * b),
        ];
    }

    /// <summary>
    /// b, c, d and qfac of the proper rotation nearest to <paramref name="directions"/> (unit columns, non-singular).
    /// qfac = −1 when the columns form a left-handed frame: the quaternion then describes the frame with k negated.
    /// </summary>
    public static (double B, double C, double D, double Qfac) FromDirections(ReadOnlySpan<double> directions)
    {
        var r = NearestOrthogonal(directions);
        var qfac = 1.0;
        if (Determinant(r) < 0)
        {
            qfac = -1;
            r[2] = -r[2];
            r[5] = -r[5];
            r[8] = -r[8];
        }

        double a, b, c, d;
        var trace = r[0] + r[4] + r[8] + 1;
        if (trace > 0.5)
        {
            a = 0.5 * Math.Sqrt(trace);
            b = 0.25 * (r[7] - r[5]) / a;
            c = 0.25 * (r[2] - r[6]) / a;
            d = 0.25 * (r[3] - r[1]) / a;
        }
        else
        {
            var xd = 1 + r[0] - (r[4] + r[8]);
            var yd = 1 + r[4] - (r[0] + r[8]);
            var zd = 1 + r[8] - (r[0] + r[4]);
            if (xd > 1)
            {
                b = 0.5 * Math.Sqrt(xd);
                c = 0.25 * (r[1] + r[3]) / b;
                d = 0.25 * (r[2] + r[6]) / b;
                a = 0.25 * (r[7] - r[5]) / b;
            }
            else if (yd > 1)
            {
                c = 0.5 * Math.Sqrt(yd);
                b = 0.25 * (r[1] + r[3]) / c;
                d = 0.25 * (r[5] + r[7]) / c;
                a = 0.25 * (r[2] - r[6]) / c;
            }
            else
            {
                d = 0.5 * Math.Sqrt(zd);
                b = 0.25 * (r[2] + r[6]) / d;
                c = 0.25 * (r[5] + r[7]) / d;
                a = 0.25 * (r[3] - r[1]) / d;
            }

            if (a < 0)
            {
                (b, c, d) = (-b, -c, -d);
            }
        }

        return (b, c, d, qfac);
    }

    public static double Determinant(ReadOnlySpan<double> m) =>
        (m[0] * ((m[4] * m[8]) - (m[5] * m[7]))) - (m[1] * ((m[3] * m[8]) - (m[5] * m[6]))) + (m[2] * ((m[3] * m[7]) - (m[4] * m[6])));

    /// <summary>
    /// The orthogonal factor of the polar decomposition, by Newton's iteration X ← (X + X⁻ᵀ) / 2: direction columns
    /// that drifted from orthogonal (float rounding, slight shear) still give a valid rotation.
    /// </summary>
    private static double[] NearestOrthogonal(ReadOnlySpan<double> m)
    {
        var x = m.ToArray();
        var next = new double[9];
        for (var iteration = 0; iteration < 100; iteration++)
        {
            var det = Determinant(x);
            // X⁻ᵀ is the cofactor matrix over the determinant; its rows are cross products of the rows of X.
            next[0] = 0.5 * (x[0] + (((x[4] * x[8]) - (x[5] * x[7])) / det));
            next[1] = 0.5 * (x[1] + (((x[5] * x[6]) - (x[3] * x[8])) / det));
            next[2] = 0.5 * (x[2] + (((x[3] * x[7]) - (x[4] * x[6])) / det));
            next[3] = 0.5 * (x[3] + (((x[7] * x[2]) - (x[8] * x[1])) / det));
            next[4] = 0.5 * (x[4] + (((x[8] * x[0]) - (x[6] * x[2])) / det));
            next[5] = 0.5 * (x[5] + (((x[6] * x[1]) - (x[7] * x[0])) / det));
            next[6] = 0.5 * (x[6] + (((x[1] * x[5]) - (x[2] * x[4])) / det));
            next[7] = 0.5 * (x[7] + (((x[2] * x[3]) - (x[0] * x[5])) / det));
            next[8] = 0.5 * (x[8] + (((x[0] * x[4]) - (x[1] * x[3])) / det));
            var change = 0.0;
            for (var n = 0; n < 9; n++)
            {
                change = Math.Max(change, Math.Abs(next[n] - x[n]));
            }

            (x, next) = (next, x);
            if (change < 1e-14)
            {
                break;
            }
        }

        return x;
    }
}
