using System.Diagnostics;
using OpenAlgebra.Modules.Imaging.Dicom;
using OpenAlgebra.Modules.Imaging.Dicom.Pixels;
using OpenAlgebra.Tests.Imaging.Dicom;

namespace OpenAlgebra.Tests.Imaging.Pixels;

/// <summary>
/// Thousands of truncated and bit-flipped copies of compressed samples: each reads and decodes, or fails with
/// <see cref="DicomFormatException"/> (or, when a flip renamed the transfer syntax, <see cref="UnsupportedTransferSyntaxException"/>):
/// never another exception, never a hang, never a buffer out of proportion to the file.
/// </summary>
public sealed class PixelMutationTests
{
    private const int MutantsPerFile = 700;

    /// <summary>The most decoded bytes a compressed byte may claim: 1024 samples of up to 2 bytes for JPEG.</summary>
    private const long MaxExpansion = 2048;

    private static readonly string[] Files =
    [
        "MR_small_bigendian.dcm", "MR_small_RLE.dcm", "SC_rgb_rle.dcm", "rtdose_rle.dcm", "SC_rgb_rle_32bit_2frame.dcm",
        "JPGExtended.dcm", "SC_rgb_jpeg_dcmtk.dcm", "SC_rgb_dcmtk_+eb+cy+np.dcm", "SC_rgb_jpeg_gdcm.dcm",
    ];

    [Fact(Timeout = 120_000)]
    public async Task Mutated_files_decode_or_fail_with_a_format_error()
    {
        var token = TestContext.Current.CancellationToken;
        var problems = await Task.Run(() => Files.AsParallel().WithCancellation(token).SelectMany(Mutate).ToList(), token);
        Assert.True(problems.Count == 0, string.Join('\n', problems.Take(20)));
    }

    private static List<string> Mutate(string name)
    {
        var original = File.ReadAllBytes(DicomSamples.File(name));
        // The pixel data is the file's tail: aim most mutations there, the rest anywhere.
        var pixelStart = original.Length - PixelDataLength(original);
        var random = new Random(Array.IndexOf(Files, name) + 1);
        var problems = new List<string>();
        for (var n = 0; n < MutantsPerFile; n++)
        {
            var mutant = (byte[])original.Clone();
            var from = random.Next(4) == 0 ? 0 : pixelStart;
            string what;
            if (random.Next(3) == 0)
            {
                var length = random.Next(from, original.Length);
                mutant = mutant[..length];
                what = $"mutant {n}: cut at {length}";
            }
            else
            {
                var flips = 1 + random.Next(8);
                for (var f = 0; f < flips; f++)
                {
                    mutant[random.Next(from, mutant.Length)] ^= (byte)(1 << random.Next(8));
                }

                what = $"mutant {n}: {flips} bits flipped after byte {from}";
            }

            var outcome = Try(mutant, out var allocated, out var declared, out var elapsed);
            if (outcome is not null)
            {
                problems.Add($"{name}, {what}: {outcome}");
            }
            else if (elapsed > TimeSpan.FromSeconds(2))
            {
                problems.Add($"{name}, {what}: took {elapsed.TotalSeconds:0.0} s");
            }
            else if (declared > MaxExpansion * mutant.Length)
            {
                problems.Add($"{name}, {what}: accepted {declared} bytes of frames from a {mutant.Length}-byte file");
            }
            else if (allocated > (6 * declared) + (2L << 20))
            {
                problems.Add($"{name}, {what}: allocated {allocated} bytes to decode {declared}");
            }
        }

        return problems;
    }

    /// <summary>
    /// Null when the mutant decoded or failed acceptably; else what went wrong. <paramref name="declared"/> is the
    /// decoded size the header claimed and the decoder accepted, <paramref name="allocated"/> what decoding cost
    /// (the caller's frame buffer, 16-bit JPEG sample planes, pooled arrays rounded up to a power of two).
    /// </summary>
    private static string? Try(byte[] mutant, out long allocated, out long declared, out TimeSpan elapsed)
    {
        declared = 0;
        var before = 0L;
        var clock = Stopwatch.StartNew();
        try
        {
            var file = PixelTestFiles.Read(mutant);
            if (!PixelTestFiles.HasPixels(file))
            {
                return null;
            }

            // What reading the file costs is the codec's business; count from here.
            before = GC.GetAllocatedBytesForCurrentThread();
            var pixels = PixelTestFiles.Decoder.Open(file);
            declared = (long)pixels.Layout.FrameLength * pixels.FrameCount;
            var frame = new byte[pixels.Layout.FrameLength];
            for (var f = 0; f < pixels.FrameCount; f++)
            {
                pixels.DecodeFrame(f, frame);
            }

            return null;
        }
        catch (DicomFormatException)
        {
            return null;
        }
        catch (UnsupportedTransferSyntaxException e) when (!IsDecodedHere(e.TransferSyntax))
        {
            return null;
        }
        catch (Exception e)
        {
            return $"{e.GetType().Name}: {e.Message}";
        }
        finally
        {
            elapsed = clock.Elapsed;
            allocated = before == 0 ? 0 : GC.GetAllocatedBytesForCurrentThread() - before;
        }
    }

    private static bool IsDecodedHere(DicomTransferSyntax syntax) =>
        !syntax.Encapsulated || syntax.Uid is "1.2.840.10008.1.2.5" or "1.2.840.10008.1.2.4.50" or "1.2.840.10008.1.2.4.51"
            or "1.2.840.10008.1.2.4.57" or "1.2.840.10008.1.2.4.70";

    private static int PixelDataLength(byte[] file)
    {
        var dicom = PixelTestFiles.Read(file);
        return dicom.Dataset.Find(DicomTags.PixelData) switch
        {
            DicomFragments fragments => (int)(16 + fragments.OffsetTable.Length + fragments.Fragments.Sum(f => 8 + f.Length) + 8),
            DicomValueElement value => (int)value.Length,
            _ => 0,
        };
    }
}
