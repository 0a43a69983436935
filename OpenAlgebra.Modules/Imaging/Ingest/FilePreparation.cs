using System.Security.Cryptography;
using OpenAlgebra.Modules.Compliance.Deidentification;
using OpenAlgebra.Modules.Compliance.PhiScanning;
using OpenAlgebra.Modules.Imaging.Deidentification;
using OpenAlgebra.Modules.Imaging.Dicom;
using OpenAlgebra.Modules.Imaging.Index;
using OpenAlgebra.Modules.Imaging.Nifti;

namespace OpenAlgebra.Modules.Imaging.Ingest;

/// <summary>The de-identified output still held PHI: the file is refused, and this is a security event.</summary>
internal sealed class PhiFoundException(IReadOnlyList<PhiFinding> findings)
    : Exception($"de-identified output still held protected health information ({string.Join("; ", findings.Select(f => $"{f.Path} {f.Reason}"))})");

/// <summary>Turns one uploaded file into de-identified bytes and the index entry that describes them.</summary>
internal sealed class FilePreparation(
    IDicomCodec dicom,
    IDicomDeidentifier deidentifier,
    IPhiScanner scanner,
    INiftiCodec nifti)
{
    public const string DicomKind = "dicom";
    public const string NiftiKind = "nifti";

    /// <summary>Room beyond the uploaded size for what de-identification adds (a few attributes), so the buffer rarely grows.</summary>
    private const int InitialSlack = 4096;

    public static bool IsNifti(string name) =>
        name.EndsWith(".nii", StringComparison.OrdinalIgnoreCase) || name.EndsWith(".nii.gz", StringComparison.OrdinalIgnoreCase);

    /// <exception cref="DicomFormatException">Not a readable DICOM file.</exception>
    /// <exception cref="PhiFoundException">The PHI scanner found something in the output.</exception>
    public PreparedFile Dicom(string path, IDeidentificationPolicy policy)
    {
        DicomFile input;
        using (var stream = File.OpenRead(path))
        {
            input = dicom.Read(stream);
        }

        var result = deidentifier.Deidentify(input, policy);
        var findings = scanner.Scan(result.File, policy, result.Original);
        if (findings.Count > 0)
        {
            throw new PhiFoundException(findings);
        }

        var ds = result.File.Dataset;
        var entry = new InstanceEntry(
            Pseudonym: Required(ds, DicomTags.PatientId),
            StudyUid: Required(ds, DicomTags.StudyInstanceUid),
            StudyDate: Text(ds, new DicomTag(0x0008, 0x0020)),
            StudyTime: Text(ds, new DicomTag(0x0008, 0x0030)),
            StudyDescription: Text(ds, new DicomTag(0x0008, 0x1030)),
            SeriesUid: Required(ds, DicomTags.SeriesInstanceUid),
            Kind: DicomKind,
            Modality: Text(ds, DicomTags.Modality) ?? "OT",
            SeriesDescription: Text(ds, new DicomTag(0x0008, 0x103E)),
            SeriesNumber: Integer(ds, new DicomTag(0x0020, 0x0011)),
            BodyPart: Text(ds, new DicomTag(0x0018, 0x0015)),
            SopInstanceUid: Required(ds, DicomTags.SopInstanceUid),
            SopClassUid: Text(ds, DicomTags.SopClassUid),
            InstanceNumber: Integer(ds, new DicomTag(0x0020, 0x0013)),
            TransferSyntax: result.File.TransferSyntax.Uid,
            Rows: Integer(ds, DicomTags.Rows),
            Columns: Integer(ds, DicomTags.Columns),
            Frames: Integer(ds, DicomTags.NumberOfFrames),
            ObjectKey: "",
            Size: 0,
            Sha256: "");
        var bytes = new PooledBufferStream((int)Math.Min(new FileInfo(path).Length + InitialSlack, Array.MaxLength));
        try
        {
            dicom.Write(result.File, bytes);
            return new PreparedFile(entry, bytes, result.Original, null);
        }
        catch
        {
            bytes.Dispose();
            throw;
        }
    }

    /// <summary>
    /// NIfTI carries identity only in header text and extensions, which are dropped. Its study, series and instance
    /// UIDs are keyed hashes of the de-identified bytes, so the same file uploaded again lands on the same rows.
    /// </summary>
    /// <exception cref="NiftiFormatException">Not a readable NIfTI file.</exception>
    public PreparedFile Nifti(string path, string? modality, string? patientLabel, IDeidentificationPolicy policy)
    {
        var pseudonymizer = policy.Pseudonymizer;
        var bytes = new PooledBufferStream((int)Math.Min(new FileInfo(path).Length + InitialSlack, Array.MaxLength));
        try
        {
            return Nifti(path, modality, patientLabel, pseudonymizer, bytes);
        }
        catch
        {
            bytes.Dispose();
            throw;
        }
    }

    private PreparedFile Nifti(string path, string? modality, string? patientLabel, IPseudonymizer pseudonymizer, PooledBufferStream bytes)
    {
        using (var source = File.OpenRead(path))
        {
            nifti.Deidentify(source, bytes);
        }

        var image = nifti.ReadImage(bytes.OpenRead()).Volume;
        var hash = Convert.ToHexStringLower(SHA256.HashData(bytes.Written));
        var label = string.IsNullOrWhiteSpace(patientLabel) ? null : patientLabel.Trim();
        var entry = new InstanceEntry(
            Pseudonym: pseudonymizer.PatientId(label ?? "nifti:" + hash),
            StudyUid: pseudonymizer.Uid("nifti-study:" + hash),
            StudyDate: null,
            StudyTime: null,
            StudyDescription: null,
            SeriesUid: pseudonymizer.Uid("nifti-series:" + hash),
            Kind: NiftiKind,
            Modality: ValidModality(modality),
            SeriesDescription: null,
            SeriesNumber: 1,
            BodyPart: null,
            SopInstanceUid: pseudonymizer.Uid("nifti-object:" + hash),
            SopClassUid: null,
            InstanceNumber: 1,
            TransferSyntax: null,
            Rows: image.SizeY,
            Columns: image.SizeX,
            Frames: image.SizeZ,
            ObjectKey: "",
            Size: 0,
            Sha256: "");
        return new PreparedFile(entry, bytes, new OriginalIdentity(label, label, null, null, null, null, null), label);
    }

    private static string ValidModality(string? modality)
    {
        var value = string.IsNullOrWhiteSpace(modality) ? "OT" : modality.Trim().ToUpperInvariant();
        return value.Length <= 16 && value.All(c => char.IsAsciiLetterUpper(c) || char.IsAsciiDigit(c) || c == '_')
            ? value
            : throw new ArgumentException($"Modality '{modality}' is not a DICOM modality code (letters, digits, '_', at most 16).", nameof(modality));
    }

    private static string Required(DicomDataset ds, DicomTag tag) =>
        Text(ds, tag) ?? throw new DicomFormatException($"{DicomRegistry.Describe(tag)} is missing after de-identification", tag, -1);

    private static string? Text(DicomDataset ds, DicomTag tag) => ds.GetString(tag) is { Length: > 0 } value ? value : null;

    private static int? Integer(DicomDataset ds, DicomTag tag)
    {
        try
        {
            return ds.GetNumber(tag) is { } number && number is >= int.MinValue and <= int.MaxValue ? (int)number : null;
        }
        catch (FormatException)
        {
            return null;
        }
    }
}
