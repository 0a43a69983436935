namespace OpenAlgebra.Modules.Platform.Blobs.Packs;

/// <summary>Where one object's bytes lie: <paramref name="Length"/> bytes from <paramref name="At"/> in the pack file named <paramref name="Pack"/>.</summary>
internal sealed record PackLocation(string Pack, long At, long Length);
