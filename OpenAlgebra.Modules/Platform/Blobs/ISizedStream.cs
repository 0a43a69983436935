namespace OpenAlgebra.Modules.Platform.Blobs;

/// <summary>A stream that cannot seek but knows how many bytes it will yield, so that a store can make room for them first.</summary>
internal interface ISizedStream
{
    long Size { get; }
}
