namespace OpenAlgebra.Modules.Imaging.Dicom.Pixels;

internal sealed class DicomPixelDecoder : IDicomPixelDecoder
{
    private static readonly DicomTag[] DataTags = [DicomTags.PixelData, DicomTags.FloatPixelData, DicomTags.DoubleFloatPixelData];

    public DicomPixelData Open(DicomFile file)
    {
        ArgumentNullException.ThrowIfNull(file);
        var syntax = file.TransferSyntax;
        var element = DataTags.Select(file.Dataset.Find).FirstOrDefault(e => e is not null)
            ?? throw new DicomFormatException("The data set has no Pixel Data, Float Pixel Data or Double Float Pixel Data", DicomTags.PixelData, -1);
        var rle = syntax.Uid == DicomTransferSyntax.RleLossless.Uid;
        var jpeg = syntax.Uid == DicomTransferSyntax.JpegBaseline.Uid || syntax.Uid == DicomTransferSyntax.JpegExtended.Uid
            || syntax.Uid == DicomTransferSyntax.JpegLossless.Uid || syntax.Uid == DicomTransferSyntax.JpegLosslessSV1.Uid;
        if (syntax.Encapsulated && !rle && !jpeg)
        {
            // Said before anything else: the attributes of such data (YBR_ICT, YBR_RCT, …) mean nothing here.
            throw new UnsupportedTransferSyntaxException(syntax);
        }

        var attributes = PixelAttributes.Read(file.Dataset, element.Tag);
        return new DicomPixelData(attributes, Codec(syntax, element, attributes, rle));
    }

    private static IFrameCodec Codec(DicomTransferSyntax syntax, DicomElement element, PixelAttributes attributes, bool rle)
    {
        if (!syntax.Encapsulated)
        {
            return element is DicomValueElement value
                ? new NativeFrameCodec(value, attributes)
                : throw new DicomFormatException($"{syntax.Name} pixel data must be one value, not encapsulated fragments", element.Tag, -1);
        }

        if (element is not DicomFragments fragments)
        {
            throw new DicomFormatException($"{syntax.Name} pixel data must be encapsulated in fragments", element.Tag, -1);
        }

        if (attributes.IsFloat || attributes.BitsAllocated == 1)
        {
            throw new DicomFormatException($"{syntax.Name} cannot hold {attributes.BitsAllocated}-bit {(attributes.IsFloat ? "float " : "")}pixels", DicomTags.BitsAllocated, -1);
        }

        var frames = EncapsulatedFrames.Map(fragments, attributes.Frames, splitAtJpegEnd: !rle);
        if (rle)
        {
            // A PackBits run of 128 bytes costs 2: every byte plane is at most 64 times its segment.
            frames.CheckExpansion((long)attributes.PixelsPerFrame * attributes.Samples * attributes.BytesPerSample, 64, syntax.Name);
            return new RleFrameCodec(frames, attributes);
        }

        // Huffman-coded JPEG spends at least 2 bits on each 8×8 block of each component (1 bit per lossless sample),
        // and subsampling at most halves the blocks again: 1024 samples per byte bounds every valid stream.
        frames.CheckExpansion((long)attributes.PixelsPerFrame * attributes.Samples, 1024, syntax.Name);
        return new JpegFrameCodec(frames, attributes);
    }
}
