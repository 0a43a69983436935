using OpenAlgebra.Modules.Compliance.Deidentification;
using OpenAlgebra.Modules.Imaging.Index;

namespace OpenAlgebra.Modules.Imaging.Ingest;

/// <summary>One accepted file: its index entry, and the identity it carried for the vault.</summary>
internal sealed record PreparedFile(InstanceEntry Entry, byte[] Bytes, OriginalIdentity Identity, string? PatientLabel);

/// <summary>A file's outcome: where it went, or why not.</summary>
internal sealed record FileOutcome(IndexedInstance? Indexed, InstanceEntry? Entry, IngestRejection? Rejection, bool Matched);
