using System.Buffers.Binary;
using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using OpenAlgebra.Modules.Compliance.Audit;
using OpenAlgebra.Modules.Imaging.Dicom;
using OpenAlgebra.Modules.Imaging.Ingest;
using OpenAlgebra.Modules.Imaging.Nifti;
using OpenAlgebra.Modules.Imaging.Volumes;

namespace OpenAlgebra.Tests.Inference;

/// <summary>The phantom stored through the ingest pipeline, as a CT series of DICOM slices or as one NIfTI file.</summary>
internal static class TestSeries
{
    /// <summary>Ingests the phantom as CT slices, handed over in reverse order so that instance order is not slice order.</summary>
    /// <returns>The series id.</returns>
    public static async Task<string> DicomAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        var codec = services.GetRequiredService<IDicomCodec>();
        var folder = Directory.CreateTempSubdirectory("openalgebra-series-");
        try
        {
            var volume = TestPhantom.Volume();
            var sources = new List<IngestSource>();
            for (var k = volume.SizeZ - 1; k >= 0; k--)
            {
                var path = Path.Combine(folder.FullName, $"slice{k}.dcm");
                await using (var file = File.Create(path))
                {
                    codec.Write(Slice(volume, k), file);
                }

                sources.Add(new IngestSource($"slice{k}.dcm", path));
            }

            return await IngestAsync(services, sources, cancellationToken);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    /// <summary>Ingests the phantom as a NIfTI file.</summary>
    public static async Task<string> NiftiAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        var path = Path.Combine(Path.GetTempPath(), $"openalgebra-phantom-{Guid.NewGuid():N}.nii.gz");
        try
        {
            await using (var file = File.Create(path))
            {
                services.GetRequiredService<INiftiCodec>().WriteVolume(file, TestPhantom.Volume());
            }

            return await IngestAsync(services, [new IngestSource("phantom.nii.gz", path, Nifti: true)], cancellationToken);
        }
        finally
        {
            File.Delete(path);
        }
    }

    private static async Task<string> IngestAsync(IServiceProvider services, IReadOnlyList<IngestSource> sources, CancellationToken cancellationToken)
    {
        var result = await services.GetRequiredService<IStudyIngest>().IngestAsync(sources, new IngestRequest(AuditActor.System, "CT"), cancellationToken);
        Assert.Empty(result.Rejected);
        return Assert.Single(Assert.Single(result.Studies).Series).Id;
    }

    private static DicomFile Slice(Volume volume, int k)
    {
        var ds = new DicomDataset();
        void Text(ushort group, ushort element, DicomVR vr, string value) => ds.SetString(new DicomTag(group, element), vr, value);
        Text(0x0008, 0x0008, DicomVR.CS, @"ORIGINAL\PRIMARY\AXIAL");
        Text(0x0008, 0x0016, DicomVR.UI, "1.2.840.10008.5.1.4.1.1.2");
        Text(0x0008, 0x0018, DicomVR.UI, $"1.2.826.0.1.3680043.10.77.3.{k + 1}");
        Text(0x0008, 0x0020, DicomVR.DA, "20260102");
        Text(0x0008, 0x0030, DicomVR.TM, "093000");
        Text(0x0008, 0x0060, DicomVR.CS, "CT");
        Text(0x0010, 0x0010, DicomVR.PN, "Phantom^Box");
        Text(0x0010, 0x0020, DicomVR.LO, "PHANTOM-1");
        Text(0x0020, 0x000D, DicomVR.UI, "1.2.826.0.1.3680043.10.77.1");
        Text(0x0020, 0x000E, DicomVR.UI, "1.2.826.0.1.3680043.10.77.2");
        Text(0x0020, 0x0013, DicomVR.IS, (volume.SizeZ - k).ToString(CultureInfo.InvariantCulture));
        Text(0x0020, 0x0052, DicomVR.UI, "1.2.826.0.1.3680043.10.77.4");
        var (x, y, z) = volume.IjkToLps.Apply(0, 0, k);
        ds.SetDecimals(DicomTags.ImagePositionPatient, x, y, z);
        ds.SetDecimals(DicomTags.ImageOrientationPatient, 1, 0, 0, 0, 1, 0);
        var (si, sj, sk) = volume.Spacing;
        ds.SetDecimals(DicomTags.PixelSpacing, sj, si);
        ds.SetDecimals(DicomTags.SliceThickness, sk);
        ds.SetDecimals(DicomTags.RescaleIntercept, -1024);
        ds.SetDecimals(DicomTags.RescaleSlope, 1);
        ds.SetUInt16(DicomTags.SamplesPerPixel, 1);
        ds.SetString(DicomTags.PhotometricInterpretation, DicomVR.CS, "MONOCHROME2");
        ds.SetUInt16(DicomTags.Rows, (ushort)volume.SizeY);
        ds.SetUInt16(DicomTags.Columns, (ushort)volume.SizeX);
        ds.SetUInt16(DicomTags.BitsAllocated, 16);
        ds.SetUInt16(DicomTags.BitsStored, 16);
        ds.SetUInt16(DicomTags.HighBit, 15);
        ds.SetUInt16(DicomTags.PixelRepresentation, 0);
        var perSlice = volume.SizeX * volume.SizeY;
        var pixels = new byte[perSlice * 2];
        for (var n = 0; n < perSlice; n++)
        {
            BinaryPrimitives.WriteUInt16LittleEndian(pixels.AsSpan(n * 2), (ushort)(volume.Voxels[(k * perSlice) + n] + 1024));
        }

        ds.Set(new DicomValueElement(DicomTags.PixelData, DicomVR.OW, DicomBuffer.FromBytes(pixels)));
        return new DicomFile(null, new DicomDataset(), ds, DicomTransferSyntax.ExplicitVRLittleEndian);
    }
}
