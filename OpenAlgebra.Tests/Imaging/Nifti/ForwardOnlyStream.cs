using OpenAlgebra.Modules.Platform;

namespace OpenAlgebra.Tests.Imaging.Nifti;

/// <summary>A stream that can only be read forward and cannot tell its length, like a request body.</summary>
internal sealed class ForwardOnlyStream(byte[] bytes) : ForwardReadStream
{
    private readonly MemoryStream _inner = new(bytes);

    public override int Read(Span<byte> buffer) => _inner.Read(buffer);

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _inner.Dispose();
        }

        base.Dispose(disposing);
    }
}
