using System.Runtime.InteropServices;
using JpegLibrary;

namespace OpenAlgebra.Modules.Imaging.Dicom.Pixels;

/// <summary>
/// Receives JpegLibrary's 8×8 blocks (already upsampled to full size) into one plane per component. Blocks outside the
/// image (the padding of the last MCU row and column, or anything a corrupt stream asks for) are clipped.
/// </summary>
internal sealed class JpegPlaneWriter(short[] planes, int width, int height, int components) : JpegBlockOutputWriter
{
    public override void WriteBlock(ref short blockRef, int componentIndex, int x, int y)
    {
        if ((uint)componentIndex >= (uint)components || (uint)x >= (uint)width || (uint)y >= (uint)height)
        {
            return;
        }

        var block = MemoryMarshal.CreateReadOnlySpan(ref blockRef, 64);
        var plane = planes.AsSpan(componentIndex * width * height, width * height);
        var columns = Math.Min(8, width - x);
        var rows = Math.Min(8, height - y);
        for (var row = 0; row < rows; row++)
        {
            block.Slice(row * 8, columns).CopyTo(plane.Slice(((y + row) * width) + x, columns));
        }
    }
}
