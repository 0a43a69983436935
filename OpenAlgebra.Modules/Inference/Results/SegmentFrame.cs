namespace OpenAlgebra.Modules.Inference.Results;

/// <summary>One frame of a segmentation: where slice <see cref="Slice"/> holds label <see cref="Label"/>.</summary>
internal readonly record struct SegmentFrame(byte Label, int Slice);
