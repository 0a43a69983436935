namespace OpenAlgebra.Modules.Imaging.Ingest;

/// <summary>
/// One thing an upload yields: an <see cref="UploadedFile"/> to ingest or a <see cref="RejectedFile"/> to report.
/// The two are one sequence so that a reason can never be dropped by a caller that reads only the files.
/// </summary>
public abstract class UploadItem
{
    private protected UploadItem(string name) => Name = name;

    /// <summary>
    /// The name as the client gave it, made safe to show (control and bidirectional-override characters replaced,
    /// length capped); an entry of an archive reads <c>archive.zip/folder/file</c>. May itself identify a patient,
    /// so it goes back to the uploader and into no log.
    /// </summary>
    public string Name { get; }
}
