using OpenAlgebra.Modules.Imaging.Dicom;

namespace OpenAlgebra.Modules.Imaging.DicomWeb;

/// <summary>
/// The response of a STOW-RS request (PS3.18 10.5.3): a data set with the study's Retrieve URL, a Referenced SOP
/// Sequence of the instances stored and a Failed SOP Sequence of those not, to send as application/dicom+json
/// through <see cref="DicomJson"/>. One builder per request.
/// </summary>
public sealed class StowResponseBuilder(string? studyRetrieveUrl = null)
{
    private static readonly DicomTag RetrieveUrl = new(0x0008, 0x1190);
    private static readonly DicomTag FailedSopSequence = new(0x0008, 0x1198);
    private static readonly DicomTag ReferencedSopSequence = new(0x0008, 0x1199);
    private static readonly DicomTag ReferencedSopClassUid = new(0x0008, 0x1150);
    private static readonly DicomTag ReferencedSopInstanceUid = new(0x0008, 0x1155);
    private static readonly DicomTag WarningReason = new(0x0008, 0x1196);
    private static readonly DicomTag FailureReason = new(0x0008, 0x1197);

    private readonly List<DicomDataset> _stored = [];
    private readonly List<DicomDataset> _failed = [];
    private bool _warned;

    /// <summary>An instance that was stored, where it can be retrieved, and why it differs from what was sent, if it does.</summary>
    public StowResponseBuilder Stored(string sopClassUid, string sopInstanceUid, string retrieveUrl, StowWarningReason? warning = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(sopClassUid);
        ArgumentException.ThrowIfNullOrEmpty(sopInstanceUid);
        ArgumentException.ThrowIfNullOrEmpty(retrieveUrl);
        var item = Reference(sopClassUid, sopInstanceUid);
        item.SetString(RetrieveUrl, DicomVR.UR, retrieveUrl);
        if (warning is { } reason)
        {
            item.SetUInt16(WarningReason, (ushort)reason);
            _warned = true;
        }

        _stored.Add(item);
        return this;
    }

    /// <summary>An instance that was not stored. Its UIDs are empty when the part could not be read far enough to know them.</summary>
    public StowResponseBuilder Failed(string? sopClassUid, string? sopInstanceUid, StowFailureReason reason)
    {
        var item = Reference(sopClassUid, sopInstanceUid);
        item.SetUInt16(FailureReason, (ushort)reason);
        _failed.Add(item);
        return this;
    }

    /// <summary>
    /// The HTTP status for the response (PS3.18 10.5.3.1): 200 when every instance was stored as sent, 202 when some
    /// were stored but others failed or were stored with warnings, 409 when none was stored, 400 when there was none.
    /// </summary>
    public int StatusCode => (_stored.Count, _failed.Count) switch
    {
        (0, 0) => 400,
        (0, _) => 409,
        (_, 0) when !_warned => 200,
        _ => 202,
    };

    /// <summary>The response data set; sequences that would be empty are left out.</summary>
    public DicomDataset Build()
    {
        var response = new DicomDataset();
        if (studyRetrieveUrl is not null)
        {
            response.SetString(RetrieveUrl, DicomVR.UR, studyRetrieveUrl);
        }

        if (_failed.Count > 0)
        {
            response.Set(new DicomSequence(FailedSopSequence, DicomVR.SQ, [.. _failed], undefinedLength: false));
        }

        if (_stored.Count > 0)
        {
            response.Set(new DicomSequence(ReferencedSopSequence, DicomVR.SQ, [.. _stored], undefinedLength: false));
        }

        return response;
    }

    private static DicomDataset Reference(string? sopClassUid, string? sopInstanceUid)
    {
        var item = new DicomDataset();
        item.SetString(ReferencedSopClassUid, DicomVR.UI, sopClassUid ?? "");
        item.SetString(ReferencedSopInstanceUid, DicomVR.UI, sopInstanceUid ?? "");
        return item;
    }
}
