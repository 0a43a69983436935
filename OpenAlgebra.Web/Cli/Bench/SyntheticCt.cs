using System.Globalization;
using OpenAlgebra.Modules.Imaging.Dicom;

namespace OpenAlgebra.Web.Cli.Bench;

/// <summary>
/// A 512×512 16-bit CT instance with a realistic header (patient, study, series, equipment and a referenced-image
/// sequence), so the benchmark needs no sample files. Slices of one series share UIDs and differ in position.
/// </summary>
internal static class SyntheticCt
{
    private const int Size = 512;

    public static DicomFile Create(int slice = 0, string seriesUid = "1.2.826.0.1.3680043.10.1.2.3", string studyUid = "1.2.826.0.1.3680043.10.1.2")
    {
        var ds = new DicomDataset();
        void S(ushort g, ushort e, DicomVR vr, string v) => ds.SetString(new DicomTag(g, e), vr, v);
        S(0x0008, 0x0005, DicomVR.CS, "ISO_IR 100");
        S(0x0008, 0x0008, DicomVR.CS, "ORIGINAL\\PRIMARY\\AXIAL");
        S(0x0008, 0x0016, DicomVR.UI, "1.2.840.10008.5.1.4.1.1.2");
        S(0x0008, 0x0018, DicomVR.UI, $"{seriesUid}.{slice + 1}");
        S(0x0008, 0x0020, DicomVR.DA, "20260315");
        S(0x0008, 0x0030, DicomVR.TM, "101500");
        S(0x0008, 0x0050, DicomVR.SH, "ACC123456");
        S(0x0008, 0x0060, DicomVR.CS, "CT");
        S(0x0008, 0x0070, DicomVR.LO, "Example Medical Systems");
        S(0x0008, 0x0080, DicomVR.LO, "General Hospital");
        S(0x0008, 0x0090, DicomVR.PN, "Referrer^Rita");
        S(0x0008, 0x1010, DicomVR.SH, "CT01");
        S(0x0008, 0x1030, DicomVR.LO, "CT CHEST WITH CONTRAST");
        S(0x0008, 0x103E, DicomVR.LO, "AXIAL 1.0 SOFT TISSUE");
        S(0x0010, 0x0010, DicomVR.PN, "Doe^Jane^Q");
        S(0x0010, 0x0020, DicomVR.LO, "MRN0042");
        S(0x0010, 0x0030, DicomVR.DA, "19700101");
        S(0x0010, 0x0040, DicomVR.CS, "F");
        S(0x0010, 0x1010, DicomVR.AS, "056Y");
        S(0x0018, 0x0050, DicomVR.DS, "1.0");
        S(0x0018, 0x0060, DicomVR.DS, "120");
        S(0x0018, 0x1000, DicomVR.LO, "SN-998877");
        S(0x0020, 0x000D, DicomVR.UI, studyUid);
        S(0x0020, 0x000E, DicomVR.UI, seriesUid);
        S(0x0020, 0x0010, DicomVR.SH, "4711");
        S(0x0020, 0x0011, DicomVR.IS, "3");
        S(0x0020, 0x0013, DicomVR.IS, (slice + 1).ToString(CultureInfo.InvariantCulture));
        S(0x0020, 0x0032, DicomVR.DS, string.Create(CultureInfo.InvariantCulture, $"-250\\-250\\{-slice:F1}"));
        S(0x0020, 0x0037, DicomVR.DS, "1\\0\\0\\0\\1\\0");
        S(0x0020, 0x0052, DicomVR.UI, studyUid + ".9");
        S(0x0028, 0x0004, DicomVR.CS, "MONOCHROME2");
        S(0x0028, 0x0030, DicomVR.DS, "0.9765625\\0.9765625");
        S(0x0028, 0x1050, DicomVR.DS, "40");
        S(0x0028, 0x1051, DicomVR.DS, "400");
        S(0x0028, 0x1052, DicomVR.DS, "-1024");
        S(0x0028, 0x1053, DicomVR.DS, "1");
        ds.SetUInt16(DicomTags.SamplesPerPixel, 1);
        ds.SetUInt16(DicomTags.Rows, Size);
        ds.SetUInt16(DicomTags.Columns, Size);
        ds.SetUInt16(DicomTags.BitsAllocated, 16);
        ds.SetUInt16(DicomTags.BitsStored, 12);
        ds.SetUInt16(DicomTags.HighBit, 11);
        ds.SetUInt16(DicomTags.PixelRepresentation, 0);

        var reference = new DicomDataset();
        reference.SetString(new DicomTag(0x0008, 0x1150), DicomVR.UI, "1.2.840.10008.5.1.4.1.1.2");
        reference.SetString(new DicomTag(0x0008, 0x1155), DicomVR.UI, $"{seriesUid}.0");
        ds.Set(new DicomSequence(new DicomTag(0x0008, 0x1140), DicomVR.SQ, [reference], undefinedLength: true));

        var pixels = new byte[Size * Size * 2];
        var random = new Random(slice);
        for (var i = 0; i < pixels.Length; i += 2)
        {
            var value = (ushort)(1024 + random.Next(-200, 400));
            pixels[i] = (byte)value;
            pixels[i + 1] = (byte)(value >> 8);
        }

        ds.Set(new DicomValueElement(DicomTags.PixelData, DicomVR.OW, DicomBuffer.FromBytes(pixels)));

        var meta = new DicomDataset();
        meta.Set(new DicomValueElement(DicomTags.FileMetaInformationVersion, DicomVR.OB, DicomBuffer.FromBytes(new byte[] { 0, 1 })));
        meta.SetString(DicomTags.MediaStorageSopClassUid, DicomVR.UI, "1.2.840.10008.5.1.4.1.1.2");
        meta.SetString(DicomTags.MediaStorageSopInstanceUid, DicomVR.UI, $"{seriesUid}.{slice + 1}");
        meta.SetString(DicomTags.TransferSyntaxUid, DicomVR.UI, DicomTransferSyntax.ExplicitVRLittleEndian.Uid);
        return new DicomFile(null, meta, ds, DicomTransferSyntax.ExplicitVRLittleEndian);
    }

    public static byte[] Bytes(IDicomCodec codec, int slice = 0, string seriesUid = "1.2.826.0.1.3680043.10.1.2.3")
    {
        var stream = new MemoryStream();
        codec.Write(Create(slice, seriesUid), stream);
        return stream.ToArray();
    }
}
