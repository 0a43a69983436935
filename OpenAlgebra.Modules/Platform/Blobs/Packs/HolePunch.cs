using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace OpenAlgebra.Modules.Platform.Blobs.Packs;

/// <summary>
/// Gives a range of a pack file back to the file system: the bytes of a deleted object must not stay on disk (they are
/// encrypted, but their data key, wrapped by the master key, sits in the same range). On Linux the range becomes a hole
/// (fallocate PUNCH_HOLE: the blocks are freed, the range reads as zeros); where that is not supported it is overwritten
/// with zeros.
/// </summary>
internal static class HolePunch
{
    private const int KeepSize = 0x01;
    private const int PunchHole = 0x02;
    private const int ZeroChunk = 1 << 20;

    public static void Range(SafeFileHandle file, long at, long length)
    {
        if (length <= 0)
        {
            return;
        }

        if (OperatingSystem.IsLinux() && Fallocate((int)file.DangerousGetHandle(), KeepSize | PunchHole, at, length) == 0)
        {
            return;
        }

        var zeros = new byte[(int)Math.Min(ZeroChunk, length)];
        for (var done = 0L; done < length;)
        {
            var n = (int)Math.Min(zeros.Length, length - done);
            RandomAccess.Write(file, zeros.AsSpan(0, n), at + done);
            done += n;
        }
    }

    /// <summary>Whether any of the range holds data (not a hole punched before); true where holes cannot be told apart.</summary>
    public static bool HasData(SafeFileHandle file, long at, long length)
    {
        if (!OperatingSystem.IsLinux())
        {
            return true;
        }

        var data = Lseek((int)file.DangerousGetHandle(), at, SeekData);
        // -1 with ENXIO: no data from there to the end of the file.
        return data >= 0 ? data < at + length : Marshal.GetLastPInvokeError() != NoDataAfter;
    }

    private const int SeekData = 3;
    private const int NoDataAfter = 6;

    [DllImport("libc", EntryPoint = "lseek", SetLastError = true)]
    private static extern long Lseek(int descriptor, long offset, int whence);

    [DllImport("libc", EntryPoint = "fallocate", SetLastError = true)]
    private static extern int Fallocate(int descriptor, int mode, long offset, long length);
}
