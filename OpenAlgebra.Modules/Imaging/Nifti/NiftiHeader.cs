namespace OpenAlgebra.Modules.Imaging.Nifti;

/// <summary>
/// The fields of a NIfTI-1 or NIfTI-2 header, widened to the NIfTI-2 types, plus its extensions.
/// The Analyze 7.5 leftovers that NIfTI-1 marks unused (data_type, extents, session_error, regular, glmax, glmin) are
/// not kept: no reader interprets them and the writer sets them to their defaults.
/// </summary>
internal sealed record NiftiHeader
{
    /// <summary>1 (348-byte header) or 2 (540-byte header).</summary>
    public required int Version { get; init; }

    /// <summary>Byte order of the header and voxels as read; ignored on write, which is always little endian.</summary>
    public bool BigEndian { get; init; }

    /// <summary>Magic ni1/ni2: header and voxels live in separate .hdr/.img files.</summary>
    public bool IsPair { get; init; }

    public int DimInfo { get; init; }

    /// <summary>dim[0] is the number of dimensions, dim[1..7] their sizes.</summary>
    public required IReadOnlyList<long> Dim { get; init; }

    public double IntentP1 { get; init; }

    public double IntentP2 { get; init; }

    public double IntentP3 { get; init; }

    public int IntentCode { get; init; }

    public required int DataType { get; init; }

    public int BitPix { get; init; }

    public long SliceStart { get; init; }

    /// <summary>pixdim[0] is qfac, pixdim[1..7] the grid spacings.</summary>
    public required IReadOnlyList<double> PixDim { get; init; }

    /// <summary>Byte offset of the voxels in the .nii file, or in the .img file of a pair.</summary>
    public long VoxOffset { get; init; }

    public double SclSlope { get; init; }

    public double SclInter { get; init; }

    public long SliceEnd { get; init; }

    public int SliceCode { get; init; }

    public int XyztUnits { get; init; }

    public double CalMax { get; init; }

    public double CalMin { get; init; }

    public double SliceDuration { get; init; }

    public double TOffset { get; init; }

    public string Descrip { get; init; } = "";

    public string AuxFile { get; init; } = "";

    /// <summary>NIfTI-1 only (an Analyze field NIfTI left unused); empty for NIfTI-2.</summary>
    public string DbName { get; init; } = "";

    public int QformCode { get; init; }

    public int SformCode { get; init; }

    public double QuaternB { get; init; }

    public double QuaternC { get; init; }

    public double QuaternD { get; init; }

    public double QOffsetX { get; init; }

    public double QOffsetY { get; init; }

    public double QOffsetZ { get; init; }

    /// <summary>srow_x, srow_y, srow_z: the first three rows of the sform matrix, row-major.</summary>
    public required IReadOnlyList<double> Srow { get; init; }

    public string IntentName { get; init; } = "";

    public IReadOnlyList<NiftiExtension> Extensions { get; init; } = [];

    /// <summary>
    /// A copy without the fields where converters and people put names, dates and notes: the free-text fields and the
    /// extensions (which carry DICOM headers, AFNI/CIFTI XML and comments).
    /// </summary>
    public NiftiHeader Deidentified() => this with { Descrip = "", AuxFile = "", IntentName = "", DbName = "", Extensions = [] };
}
