namespace OpenAlgebra.Modules.Imaging.Ingest;

/// <summary>A file, archive entry or whole archive that was not taken, and why, in words the uploader can act on.</summary>
public sealed class RejectedFile(string name, string reason) : UploadItem(name)
{
    public string Reason { get; } = reason;

    public override string ToString() => $"{Name}: {Reason}";
}
