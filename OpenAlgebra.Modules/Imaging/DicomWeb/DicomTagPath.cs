using System.Globalization;
using System.Text;
using OpenAlgebra.Modules.Imaging.Dicom;

namespace OpenAlgebra.Modules.Imaging.DicomWeb;

/// <summary>One step into a sequence: the sequence attribute and the index of the item (from 0).</summary>
public readonly record struct DicomItemStep(DicomTag Sequence, int Item);

/// <summary>
/// Where an attribute sits in a data set: the sequence items that lead to it, then its own tag. The text form,
/// e.g. <c>00540016/0/00181072</c>, fits in a bulk data URI path as it stands.
/// </summary>
public sealed class DicomTagPath(IReadOnlyList<DicomItemStep> items, DicomTag tag)
{
    /// <summary>The items that lead to the attribute, outermost first; empty at the top level.</summary>
    public IReadOnlyList<DicomItemStep> Items { get; } = items;

    public DicomTag Tag { get; } = tag;

    public override string ToString()
    {
        var text = new StringBuilder((Items.Count * 11) + 8);
        foreach (var step in Items)
        {
            text.Append(CultureInfo.InvariantCulture, $"{step.Sequence.Value:X8}/{step.Item}/");
        }

        return text.Append(CultureInfo.InvariantCulture, $"{Tag.Value:X8}").ToString();
    }
}
