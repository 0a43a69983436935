using System.Buffers.Binary;
using System.Globalization;
using OpenAlgebra.Modules.Imaging.Dicom;
using OpenAlgebra.Modules.Imaging.Volumes;
using OpenAlgebra.Modules.Inference.Phantoms;

namespace OpenAlgebra.Tests.EndToEnd;

/// <summary>
/// A chest CT series to upload through the browser: the synthetic chest phantom (air, body, two lungs, heart, spine,
/// 20 HU noise) as <see cref="Slices"/> axial DICOM files of <see cref="Size"/>² pixels, 3 mm apart, with a patient's
/// identity for the de-identifier to take out and a soft-tissue window in the header. More than 100 slices, so that a
/// scroll through 100 of them can be timed; small enough in-plane for random-walker to finish within a minute on a CPU.
/// </summary>
internal static class ChestCtSeries
{
    public const int Size = 128;
    public const int Slices = 104;
    public const double PixelMm = 3;
    public const double SliceMm = 3;
    public const string PatientName = "Chestly^Charlotte";
    public const string PatientId = "E2E-CHEST-7";
    private const string StudyUidRoot = "1.2.826.0.1.3680043.10.543.";
    public const int Patient = 7;

    /// <summary>Another patient's copy (other UIDs), which tests sharing the app store as a study of its own.</summary>
    public const int OtherPatient = 8;

    /// <summary>Where the phantom's right lung (centre x −75 mm, y 0) falls in an axial slice, as fractions of its width and height.</summary>
    public static (double X, double Y) RightLung => (Fraction(-75), Fraction(0));

    /// <summary>The heart, between the lungs: background for a lung segmentation.</summary>
    public static (double X, double Y) Heart => (Fraction(15), Fraction(-10));

    /// <summary>Air in front of the body, also background.</summary>
    public static (double X, double Y) AirInFront => (Fraction(0), Fraction(-160));

    /// <summary>Writes the slices into <paramref name="folder"/> and returns their paths.</summary>
    public static IReadOnlyList<string> Write(string folder, IDicomCodec codec, int patient = Patient)
    {
        var studyUid = StudyUidRoot + patient.ToString(CultureInfo.InvariantCulture);
        var origin = -(Size - 1) * PixelMm / 2;
        var affine = new Affine([PixelMm, 0, 0, origin, 0, PixelMm, 0, origin, 0, 0, SliceMm, -(Slices - 1) * SliceMm / 2]);
        var (volume, _) = new SyntheticChest(seed: 7, touching: false).Render(Size, Size, Slices, affine, seed: 7);
        var paths = new List<string>();
        for (var k = 0; k < Slices; k++)
        {
            var path = Path.Combine(folder, string.Create(CultureInfo.InvariantCulture, $"chest-{k + 1:D3}.dcm"));
            using (var file = File.Create(path))
            {
                codec.Write(Slice(volume, k, studyUid), file);
            }

            paths.Add(path);
        }

        return paths;
    }

    private static double Fraction(double mm) => ((mm / PixelMm) + ((Size - 1) / 2.0) + 0.5) / Size;

    private static DicomFile Slice(Volume volume, int k, string studyUid)
    {
        var ds = new DicomDataset();
        void Text(ushort group, ushort element, DicomVR vr, string value) => ds.SetString(new DicomTag(group, element), vr, value);
        Text(0x0008, 0x0008, DicomVR.CS, @"ORIGINAL\PRIMARY\AXIAL");
        Text(0x0008, 0x0016, DicomVR.UI, "1.2.840.10008.5.1.4.1.1.2");
        Text(0x0008, 0x0018, DicomVR.UI, string.Create(CultureInfo.InvariantCulture, $"{studyUid}.1.{k + 1}"));
        Text(0x0008, 0x0020, DicomVR.DA, "20260214");
        Text(0x0008, 0x0030, DicomVR.TM, "081500");
        Text(0x0008, 0x0050, DicomVR.SH, "ACC-E2E-7");
        Text(0x0008, 0x0060, DicomVR.CS, "CT");
        Text(0x0008, 0x1030, DicomVR.LO, "CT CHEST");
        Text(0x0008, 0x103E, DicomVR.LO, "Chest 3 mm");
        Text(0x0010, 0x0010, DicomVR.PN, PatientName);
        Text(0x0010, 0x0020, DicomVR.LO, PatientId);
        Text(0x0010, 0x0030, DicomVR.DA, "19640229");
        Text(0x0020, 0x000D, DicomVR.UI, studyUid);
        Text(0x0020, 0x000E, DicomVR.UI, studyUid + ".1");
        Text(0x0020, 0x0011, DicomVR.IS, "2");
        Text(0x0020, 0x0013, DicomVR.IS, (k + 1).ToString(CultureInfo.InvariantCulture));
        Text(0x0020, 0x0052, DicomVR.UI, studyUid + ".9");
        var (x, y, z) = volume.IjkToLps.Apply(0, 0, k);
        ds.SetDecimals(DicomTags.ImagePositionPatient, x, y, z);
        ds.SetDecimals(DicomTags.ImageOrientationPatient, 1, 0, 0, 0, 1, 0);
        ds.SetDecimals(DicomTags.PixelSpacing, PixelMm, PixelMm);
        ds.SetDecimals(DicomTags.SliceThickness, SliceMm);
        ds.SetDecimals(DicomTags.WindowCenter, 40);
        ds.SetDecimals(DicomTags.WindowWidth, 400);
        ds.SetDecimals(DicomTags.RescaleIntercept, -1024);
        ds.SetDecimals(DicomTags.RescaleSlope, 1);
        ds.SetUInt16(DicomTags.SamplesPerPixel, 1);
        ds.SetString(DicomTags.PhotometricInterpretation, DicomVR.CS, "MONOCHROME2");
        ds.SetUInt16(DicomTags.Rows, Size);
        ds.SetUInt16(DicomTags.Columns, Size);
        ds.SetUInt16(DicomTags.BitsAllocated, 16);
        ds.SetUInt16(DicomTags.BitsStored, 12);
        ds.SetUInt16(DicomTags.HighBit, 11);
        ds.SetUInt16(DicomTags.PixelRepresentation, 0);
        var perSlice = Size * Size;
        var pixels = new byte[perSlice * 2];
        for (var n = 0; n < perSlice; n++)
        {
            var stored = Math.Clamp(Math.Round(volume.Voxels[(k * perSlice) + n] + 1024), 0, 4095);
            BinaryPrimitives.WriteUInt16LittleEndian(pixels.AsSpan(n * 2), (ushort)stored);
        }

        ds.Set(new DicomValueElement(DicomTags.PixelData, DicomVR.OW, DicomBuffer.FromBytes(pixels)));
        return new DicomFile(null, new DicomDataset(), ds, DicomTransferSyntax.ExplicitVRLittleEndian);
    }
}
