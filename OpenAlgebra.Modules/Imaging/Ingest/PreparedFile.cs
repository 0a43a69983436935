using OpenAlgebra.Modules.Compliance.Deidentification;
using OpenAlgebra.Modules.Imaging.Index;

namespace OpenAlgebra.Modules.Imaging.Ingest;

/// <summary>
/// One accepted file: its index entry, its de-identified bytes in a rented buffer (returned on dispose), and the
/// identity it carried, for the vault.
/// </summary>
internal sealed class PreparedFile(InstanceEntry entry, PooledBufferStream bytes, OriginalIdentity identity, string? patientLabel) : IDisposable
{
    public InstanceEntry Entry { get; } = entry;

    public OriginalIdentity Identity { get; } = identity;

    public string? PatientLabel { get; } = patientLabel;

    /// <summary>The de-identified bytes, readable and seekable; valid until this file is disposed.</summary>
    public MemoryStream OpenRead() => bytes.OpenRead();

    public void Dispose() => bytes.Dispose();
}
