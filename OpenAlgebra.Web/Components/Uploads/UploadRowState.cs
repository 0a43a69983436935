namespace OpenAlgebra.Web.Components.Uploads;

/// <summary>Where one chosen file is: waiting its turn, on its way, being ingested, or finished one way or another.</summary>
public enum UploadRowState
{
    Waiting,
    Sending,
    Processing,
    Done,
    Cancelled,
    Failed,
}
