namespace OpenAlgebra.Modules.Imaging.Dicom;

internal sealed class DicomCodec : IDicomCodec
{
    private readonly DicomReader _reader = new(new DicomReadLimits());

    public DicomFile Read(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        try
        {
            return _reader.Read(stream);
        }
        catch (Exception e) when (e is InvalidDataException or OverflowException or ArgumentException or FormatException)
        {
            // Deflate errors, lengths beyond 2 GiB and malformed numbers are format errors of the input too.
            throw new DicomFormatException(e.Message, null, -1, e);
        }
    }

    public void Write(DicomFile file, Stream stream)
    {
        ArgumentNullException.ThrowIfNull(file);
        ArgumentNullException.ThrowIfNull(stream);
        DicomWriter.Write(file, stream);
    }
}
