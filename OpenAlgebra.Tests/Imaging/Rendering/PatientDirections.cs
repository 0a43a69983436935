namespace OpenAlgebra.Tests.Imaging.Rendering;

/// <summary>Unit vectors of the patient's axes in LPS (+x left, +y posterior, +z superior), to write acquisitions with.</summary>
internal static class PatientDirections
{
    public static readonly (double, double, double) Left = (1, 0, 0);
    public static readonly (double, double, double) Right = (-1, 0, 0);
    public static readonly (double, double, double) Posterior = (0, 1, 0);
    public static readonly (double, double, double) Anterior = (0, -1, 0);
    public static readonly (double, double, double) Superior = (0, 0, 1);
    public static readonly (double, double, double) Inferior = (0, 0, -1);
}
