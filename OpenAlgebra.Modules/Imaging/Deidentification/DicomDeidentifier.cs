using OpenAlgebra.Modules.Compliance.Deidentification;
using OpenAlgebra.Modules.Imaging.Dicom;
using OpenAlgebra.Modules.Platform;

namespace OpenAlgebra.Modules.Imaging.Deidentification;

internal sealed class DicomDeidentifier(ProductInfo product) : IDicomDeidentifier
{
    private static readonly DicomTag AccessionNumber = new(0x0008, 0x0050);
    private static readonly DicomTag PatientBirthDate = new(0x0010, 0x0030);
    private static readonly DicomTag PatientIdentityRemoved = new(0x0012, 0x0062);
    private static readonly DicomTag DeidentificationMethod = new(0x0012, 0x0063);
    private static readonly DicomTag DeidentificationMethodCodeSequence = new(0x0012, 0x0064);
    private static readonly DicomTag LongitudinalTemporalInformationModified = new(0x0028, 0x0303);
    private static readonly DicomTag CodeValue = new(0x0008, 0x0100);
    private static readonly DicomTag CodingSchemeDesignator = new(0x0008, 0x0102);
    private static readonly DicomTag CodeMeaning = new(0x0008, 0x0104);

    public DeidentifiedDicom Deidentify(DicomFile file, IDeidentificationPolicy policy)
    {
        ArgumentNullException.ThrowIfNull(file);
        ArgumentNullException.ThrowIfNull(policy);
        var source = file.Dataset;
        var original = new OriginalIdentity(
            source.GetString(DicomTags.PatientId),
            source.GetString(DicomTags.PatientName),
            source.GetString(PatientBirthDate),
            source.GetString(AccessionNumber),
            source.GetString(DicomTags.StudyInstanceUid),
            source.GetString(DicomTags.SeriesInstanceUid),
            source.GetString(DicomTags.SopInstanceUid));

        var dataset = new DatasetDeidentifier(policy, source).Apply(source, parent: null);
        Describe(dataset, policy);
        var meta = FileMeta(file, dataset, policy);
        // PS3.15 E.1.1: the preamble may hold anything (TIFF headers, say), so it is replaced by zeros.
        return new DeidentifiedDicom(new DicomFile(new byte[128], meta, dataset, file.TransferSyntax), original);
    }

    /// <summary>PS3.15 E.1.1: say that the identity was removed, how, and what became of dates.</summary>
    private static void Describe(DicomDataset dataset, IDeidentificationPolicy policy)
    {
        dataset.SetString(PatientIdentityRemoved, DicomVR.CS, "YES");
        dataset.SetString(DeidentificationMethod, DicomVR.LO, string.Join('\\', policy.MethodDescription));
        var codes = policy.MethodCodes.Select(code =>
        {
            var item = new DicomDataset(dataset);
            item.SetString(CodeValue, DicomVR.SH, code.Value);
            item.SetString(CodingSchemeDesignator, DicomVR.SH, code.Scheme);
            item.SetString(CodeMeaning, DicomVR.LO, code.Meaning);
            return item;
        }).ToList();
        dataset.Set(new DicomSequence(DeidentificationMethodCodeSequence, DicomVR.SQ, codes, undefinedLength: false));
        dataset.SetString(LongitudinalTemporalInformationModified, DicomVR.CS, policy.LongitudinalTemporalInformation);
    }

    /// <summary>
    /// New File Meta Information: nothing of the original's (source AE titles, private meta) survives; the Media Storage
    /// SOP Instance UID is the new SOP Instance UID, and the writer is this platform.
    /// </summary>
    private DicomDataset FileMeta(DicomFile file, DicomDataset dataset, IDeidentificationPolicy policy)
    {
        var original = file.FileMetaInformation;
        var meta = new DicomDataset();
        meta.Set(new DicomValueElement(DicomTags.FileMetaInformationVersion, DicomVR.OB, DicomBuffer.FromBytes(new byte[] { 0, 1 })));
        var sopClass = NonEmpty(dataset.GetString(DicomTags.SopClassUid)) ?? NonEmpty(original.GetString(DicomTags.MediaStorageSopClassUid));
        if (sopClass is not null)
        {
            meta.SetString(DicomTags.MediaStorageSopClassUid, DicomVR.UI, sopClass);
        }

        // A data set without SOP Instance UID (a DICOMDIR) keeps its meta's one, replaced as the profile says.
        var sopInstance = NonEmpty(dataset.GetString(DicomTags.SopInstanceUid))
            ?? (NonEmpty(original.GetString(DicomTags.MediaStorageSopInstanceUid)) is { } uid
                ? policy.ActionFor(DicomTags.MediaStorageSopInstanceUid) == DeidentificationAction.Keep ? uid : policy.Pseudonymizer.Uid(uid)
                : null);
        if (sopInstance is not null)
        {
            meta.SetString(DicomTags.MediaStorageSopInstanceUid, DicomVR.UI, sopInstance);
        }

        meta.SetString(DicomTags.TransferSyntaxUid, DicomVR.UI, file.TransferSyntax.Uid);
        meta.SetString(DicomTags.ImplementationClassUid, DicomVR.UI, DicomImplementation.ClassUid);
        meta.SetString(DicomTags.ImplementationVersionName, DicomVR.SH, DicomImplementation.VersionName(product.Version));
        return meta;
    }

    private static string? NonEmpty(string? text) => string.IsNullOrEmpty(text) ? null : text;
}
