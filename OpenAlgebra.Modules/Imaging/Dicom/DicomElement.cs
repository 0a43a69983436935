namespace OpenAlgebra.Modules.Imaging.Dicom;

/// <summary>One attribute of a data set.</summary>
public abstract class DicomElement(DicomTag tag, DicomVR vr)
{
    public DicomTag Tag { get; } = tag;

    public DicomVR VR { get; } = vr;
}

/// <summary>
/// An attribute with a plain value. Binary numbers are held little-endian whatever the transfer syntax
/// (big-endian input is swapped on read and back on write).
/// </summary>
public sealed class DicomValueElement(DicomTag tag, DicomVR vr, DicomBuffer value) : DicomElement(tag, vr)
{
    public DicomBuffer Value { get; } = value;

    public long Length => Value.Length;
}

/// <summary>A sequence (SQ, or UN of undefined length holding implicit-VR items).</summary>
public sealed class DicomSequence(DicomTag tag, DicomVR vr, List<DicomDataset> items, bool undefinedLength) : DicomElement(tag, vr)
{
    public List<DicomDataset> Items { get; } = items;

    /// <summary>How the sequence was delimited when read; the writer keeps it so a round trip is byte-exact.</summary>
    public bool UndefinedLength { get; set; } = undefinedLength;
}

/// <summary>Encapsulated pixel data: the basic offset table (item 0, possibly empty) and the fragments that follow.</summary>
public sealed class DicomFragments(DicomTag tag, DicomVR vr, DicomBuffer offsetTable, List<DicomBuffer> fragments) : DicomElement(tag, vr)
{
    public DicomBuffer OffsetTable { get; } = offsetTable;

    public List<DicomBuffer> Fragments { get; } = fragments;
}
