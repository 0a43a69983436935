namespace OpenAlgebra.Modules.Imaging.Volumes;

/// <summary>The images handed to <see cref="IVolumeBuilder"/> do not make one volume; the message says why.</summary>
public sealed class VolumeBuildException : Exception
{
    public VolumeBuildException(string message)
        : base(message)
    {
    }
}
