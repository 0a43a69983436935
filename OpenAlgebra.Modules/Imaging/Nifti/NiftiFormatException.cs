namespace OpenAlgebra.Modules.Imaging.Nifti;

/// <summary>
/// The bytes are not a NIfTI image this codec can read. The message names the header field or byte offset at fault,
/// so that a rejected upload can be explained to the person who sent it.
/// </summary>
public sealed class NiftiFormatException : Exception
{
    public NiftiFormatException()
    {
    }

    public NiftiFormatException(string message)
        : base(message)
    {
    }

    public NiftiFormatException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
