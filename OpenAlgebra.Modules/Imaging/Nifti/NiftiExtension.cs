namespace OpenAlgebra.Modules.Imaging.Nifti;

/// <summary>One header extension: its ecode (nifti1.h NIFTI_ECODE_*) and its bytes after the 8-byte esize/ecode prefix.</summary>
internal sealed record NiftiExtension(int Code, byte[] Content);
