using System.Buffers;
using System.Text;
using OpenAlgebra.Modules.Imaging.Dicom;

namespace OpenAlgebra.Modules.Imaging.DicomWeb;

/// <summary>What reading one JSON document keeps between attributes: where it is, scratch buffers, and the character set.</summary>
internal sealed class DicomJsonReadState
{
    private const string Utf8CharacterSet = "ISO_IR 192";

    public List<DicomItemStep> Steps { get; } = [];

    /// <summary>Scratch for the text of one attribute, reused across attributes.</summary>
    public StringBuilder Text { get; } = new();

    /// <summary>Scratch for the binary numbers of one attribute, reused across attributes.</summary>
    public ArrayBufferWriter<byte> Bytes { get; } = new();

    /// <summary>Some text needed more than ASCII, so the data set must declare UTF-8.</summary>
    public bool NonAscii { get; set; }

    public DicomTagPath PathTo(DicomTag tag) => new([.. Steps], tag);

    /// <summary>The value the reader gives every Specific Character Set: text is stored as the UTF-8 it came in.</summary>
    public static DicomValueElement CharacterSet()
    {
        var bytes = Encoding.ASCII.GetBytes(Utf8CharacterSet);
        return new DicomValueElement(DicomTags.SpecificCharacterSet, DicomVR.CS, DicomBuffer.FromBytes(bytes));
    }

    /// <summary>Declares UTF-8 on a top-level data set whose text needs it and that declared nothing.</summary>
    public void Finish(DicomDataset dataset)
    {
        if (NonAscii && !dataset.Contains(DicomTags.SpecificCharacterSet))
        {
            dataset.Set(CharacterSet());
        }

        NonAscii = false;
    }
}
