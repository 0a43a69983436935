namespace OpenAlgebra.Web.Components.Viewer;

/// <summary>A voxel of the stored grid: <see cref="I"/> column, <see cref="J"/> row, <see cref="K"/> slice.</summary>
public readonly record struct Voxel(int I, int J, int K);
