namespace OpenAlgebra.Modules.Imaging.Volumes;

/// <summary>
/// Maps voxel indices (i along columns, j along rows, k along slices) to patient coordinates in millimetres,
/// as a 4×4 homogeneous matrix whose last row is (0, 0, 0, 1). Stored row-major, 12 numbers.
/// </summary>
public sealed class Affine : IEquatable<Affine>
{
    private readonly double[] _m;

    /// <param name="rowMajor3x4">m00 m01 m02 m03, m10 … m13, m20 … m23.</param>
    public Affine(ReadOnlySpan<double> rowMajor3x4)
    {
        if (rowMajor3x4.Length != 12)
        {
            throw new ArgumentException($"An affine needs 12 numbers (3 rows of 4), got {rowMajor3x4.Length}.", nameof(rowMajor3x4));
        }

        _m = rowMajor3x4.ToArray();
    }

    public static Affine Identity { get; } = new([1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0]);

    /// <summary>Element (row, column) of the 4×4 matrix.</summary>
    public double this[int row, int column] => row == 3 ? (column == 3 ? 1 : 0) : _m[(row * 4) + column];

    /// <summary>Patient coordinates of a (possibly fractional) voxel index.</summary>
    public (double X, double Y, double Z) Apply(double i, double j, double k) => (
        (_m[0] * i) + (_m[1] * j) + (_m[2] * k) + _m[3],
        (_m[4] * i) + (_m[5] * j) + (_m[6] * k) + _m[7],
        (_m[8] * i) + (_m[9] * j) + (_m[10] * k) + _m[11]);

    /// <summary>Voxel size along i, j, k: the lengths of the first three columns.</summary>
    public (double I, double J, double K) Spacing => (Column(0), Column(1), Column(2));

    public (double X, double Y, double Z) Origin => (_m[3], _m[7], _m[11]);

    /// <summary>
    /// The same transform in the other patient convention: DICOM's LPS and NIfTI's RAS differ by the sign of x and y.
    /// </summary>
    public Affine FlipXY() => new([-_m[0], -_m[1], -_m[2], -_m[3], -_m[4], -_m[5], -_m[6], -_m[7], _m[8], _m[9], _m[10], _m[11]]);

    public double[] ToRowMajor3x4() => (double[])_m.Clone();

    public bool ApproximatelyEquals(Affine other, double tolerance)
    {
        ArgumentNullException.ThrowIfNull(other);
        for (var n = 0; n < 12; n++)
        {
            if (Math.Abs(_m[n] - other._m[n]) > tolerance)
            {
                return false;
            }
        }

        return true;
    }

    public bool Equals(Affine? other) => other is not null && _m.AsSpan().SequenceEqual(other._m);

    public override bool Equals(object? obj) => Equals(obj as Affine);

    public override int GetHashCode()
    {
        var hash = new HashCode();
        foreach (var value in _m)
        {
            hash.Add(value);
        }

        return hash.ToHashCode();
    }

    public override string ToString() =>
        string.Create(System.Globalization.CultureInfo.InvariantCulture,
            $"[{_m[0]:G6} {_m[1]:G6} {_m[2]:G6} {_m[3]:G6}; {_m[4]:G6} {_m[5]:G6} {_m[6]:G6} {_m[7]:G6}; {_m[8]:G6} {_m[9]:G6} {_m[10]:G6} {_m[11]:G6}]");

    private double Column(int c) => Math.Sqrt((_m[c] * _m[c]) + (_m[4 + c] * _m[4 + c]) + (_m[8 + c] * _m[8 + c]));
}
