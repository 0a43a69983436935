namespace OpenAlgebra.Modules.Imaging.Rendering;

/// <summary>A slice as a complete PNG file (8-bit gray, RGB, or RGBA for label overlays), with the layout of its pixels.</summary>
public sealed record RenderedPng(SliceLayout Layout, byte[] Png);
