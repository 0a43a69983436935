using OpenAlgebra.Modules.Compliance.Deidentification;
using OpenAlgebra.Modules.Imaging.Index;

namespace OpenAlgebra.Modules.Imaging.Ingest;

/// <summary>
/// The study a request stores into (STOW-RS <c>/studies/{study}</c>, PS3.18 10.5.1: every instance shall belong to it).
/// Only de-identified UIDs are kept, so the comparison is between those; a client that names the study by its original
/// UID names the same study, since the keyed replacement of that UID is the one stored.
/// </summary>
internal static class StudyTarget
{
    /// <returns>Why the file is refused, or null when there is no target or the file belongs to it.</returns>
    public static IngestRejection? Refusal(string file, InstanceEntry entry, string? target, IPseudonymizer pseudonymizer)
    {
        if (target is null || entry.StudyUid == target || entry.StudyUid == pseudonymizer.Uid(target))
        {
            return null;
        }

        return new IngestRejection(file, $"not stored: it belongs to study {entry.StudyUid}, not to study {target} that the request is for",
            IngestRejectionCause.OtherStudy, entry.SopClassUid, entry.SopInstanceUid);
    }
}
