using OpenAlgebra.Modules.Imaging.Volumes;

namespace OpenAlgebra.Modules.Inference.Engines;

/// <summary>The checks on a request that several engines share, each failing with a message that names the engine.</summary>
internal static class EngineInputs
{
    /// <summary>Engines work on one scalar 3D image; a time series or an RGB or complex volume needs choosing from first.</summary>
    public static void RequireScalarVolume(string engine, Volume volume)
    {
        ArgumentNullException.ThrowIfNull(volume);
        if (volume.Frames != 1 || volume.Channels != 1)
        {
            throw new AnalysisInputException(
                $"{engine} needs a single-frame, single-channel volume; this one has {volume.Frames} frames of {volume.Channels} channels.");
        }
    }
}
