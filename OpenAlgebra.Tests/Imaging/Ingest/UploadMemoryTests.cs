using System.Text;
using OpenAlgebra.Modules.Imaging.Ingest;
using OpenAlgebra.Modules.Platform;

namespace OpenAlgebra.Tests.Imaging.Ingest;

[CollectionDefinition(nameof(AllocationMeasurements), DisableParallelization = true)]
public sealed class AllocationMeasurements;

/// <summary>
/// Spooling streams a part through one pooled buffer. Allocations are counted for the whole process, because file
/// writes complete on pool threads (a per-thread count would miss them), in a collection that runs alone.
/// </summary>
[Collection(nameof(AllocationMeasurements))]
public sealed class UploadMemoryTests
{
    private const long PartBytes = 200L << 20;

    [Fact]
    public async Task Spooling_a_200_MB_part_allocates_a_small_fraction_of_it()
    {
        using var harness = new SpoolerHarness();
        // Warm up the code paths once so that the measurement sees the steady state, not JIT and first-use caches.
        using (await Spool(harness, 1 << 20))
        {
        }

        var before = GC.GetTotalAllocatedBytes(precise: true);
        using var upload = await Spool(harness, PartBytes);
        var allocated = GC.GetTotalAllocatedBytes(precise: true) - before;

        TestContext.Current.TestOutputHelper?.WriteLine($"spooling {PartBytes:N0} bytes allocated {allocated:N0} bytes");
        Assert.Equal(PartBytes, new FileInfo(Assert.Single(harness.TempFiles)).Length);
        Assert.True(allocated < PartBytes / 50, $"spooling {PartBytes:N0} bytes allocated {allocated:N0} bytes");
    }

    private static Task<SpooledUpload> Spool(SpoolerHarness harness, long size) =>
        harness.Spooler.SpoolAsync(new GeneratedBody(size), $"multipart/form-data; boundary={MultipartBody.Boundary}", TestContext.Current.CancellationToken);

    /// <summary>A one-file multipart body produced as it is read, so that the test holds none of it.</summary>
    private sealed class GeneratedBody(long size) : ForwardReadStream
    {
        private readonly byte[] _head = Encoding.ASCII.GetBytes(
            $"--{MultipartBody.Boundary}\r\nContent-Disposition: form-data; name=\"files\"; filename=\"big.dcm\"\r\n\r\n");
        private readonly byte[] _tail = Encoding.ASCII.GetBytes($"\r\n--{MultipartBody.Boundary}--\r\n");
        private long _position;

        public override int Read(Span<byte> buffer)
        {
            var total = _head.Length + size + _tail.Length;
            var count = (int)Math.Min(buffer.Length, total - _position);
            for (var i = 0; i < count; i++, _position++)
            {
                buffer[i] = _position < _head.Length ? _head[_position]
                    : _position >= _head.Length + size ? _tail[_position - _head.Length - size]
                    : (byte)(_position * 31);
            }

            return count;
        }
    }
}
