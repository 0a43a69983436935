namespace OpenAlgebra.Modules.Imaging.Rendering;

/// <summary>
/// A slice as raw 8-bit display levels for a client-side canvas: rows top to bottom, pixels left to right,
/// <see cref="SliceLayout.Channels"/> bytes each (RGB order for color), no padding.
/// </summary>
public sealed record RenderedSlice(SliceLayout Layout, byte[] Pixels);
