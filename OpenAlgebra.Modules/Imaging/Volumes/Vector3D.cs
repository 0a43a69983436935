namespace OpenAlgebra.Modules.Imaging.Volumes;

/// <summary>A point or direction in patient space, in double precision (positions are hundreds of mm, steps tenths).</summary>
internal readonly record struct Vector3D(double X, double Y, double Z)
{
    public double Length => Math.Sqrt(Dot(this));

    public double Dot(Vector3D other) => (X * other.X) + (Y * other.Y) + (Z * other.Z);

    public Vector3D Cross(Vector3D other) =>
        new((Y * other.Z) - (Z * other.Y), (Z * other.X) - (X * other.Z), (X * other.Y) - (Y * other.X));

    public static Vector3D operator -(Vector3D a, Vector3D b) => new(a.X - b.X, a.Y - b.Y, a.Z - b.Z);

    public static Vector3D operator *(Vector3D a, double s) => new(a.X * s, a.Y * s, a.Z * s);
}
