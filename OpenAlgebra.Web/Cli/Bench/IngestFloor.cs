using System.Buffers;
using System.Security.Cryptography;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Net.Http.Headers;
using Microsoft.Win32.SafeHandles;

namespace OpenAlgebra.Web.Cli.Bench;

/// <summary>
/// A yardstick for <c>POST /api/studies</c>: the least a server can do per upload under the rules — receive the
/// multipart file, take its SHA-256, encrypt it with AES-256-GCM and append it to one file flushed once per group of
/// requests — and nothing else: no parsing, de-identification, PHI scan, index or audit. It runs in the benchmark's own
/// process on Kestrel, so its rate, not its processor time, compares with the two servers.
/// </summary>
internal sealed class IngestFloor : IAsyncDisposable
{
    private const int ChunkSize = 1 << 20;
    private const int WriteSize = 32 << 10;

    private readonly WebApplication _app;
    private readonly SafeFileHandle _pack;
    private readonly byte[] _key = RandomNumberGenerator.GetBytes(32);
    private readonly SemaphoreSlim _flushTurn = new(1, 1);
    private long _end;
    private long _flushRequested;
    private long _flushed;

    private IngestFloor(WebApplication app, SafeFileHandle pack)
    {
        _app = app;
        _pack = pack;
    }

    public static async Task<IngestFloor> StartAsync(string directory, int port)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        var app = builder.Build();
        var floor = new IngestFloor(app, File.OpenHandle(Path.Combine(directory, "floor.pack"), FileMode.CreateNew, FileAccess.ReadWrite));
        app.MapPost("/floor", floor.AcceptAsync);
        await app.StartAsync();
        return floor;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.DisposeAsync();
        _pack.Dispose();
        _flushTurn.Dispose();
    }

    private async Task<IResult> AcceptAsync(HttpRequest request)
    {
        var boundary = HeaderUtilities.RemoveQuotes(MediaTypeHeaderValue.Parse(request.ContentType).Boundary).Value!;
        var section = await new MultipartReader(boundary, request.Body, 64 << 10).ReadNextSectionAsync() ?? throw new InvalidDataException("no part");
        var plain = ArrayPool<byte>.Shared.Rent(4 << 20);
        var sealedBytes = ArrayPool<byte>.Shared.Rent((4 << 20) + 64);
        try
        {
            int length = 0, read;
            while ((read = await section.Body.ReadAsync(plain.AsMemory(length))) > 0)
            {
                length += read;
            }

            var sha256 = SHA256.HashData(plain.AsSpan(0, length));
            var size = Seal(plain.AsSpan(0, length), sealedBytes);
            var at = Interlocked.Add(ref _end, size) - size;
            for (var done = 0; done < size; done += WriteSize)
            {
                RandomAccess.Write(_pack, sealedBytes.AsSpan(done, Math.Min(WriteSize, size - done)), at + done);
            }

            await FlushAsync();
            return Results.Created((string?)null, Convert.ToHexStringLower(sha256));
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(plain);
            ArrayPool<byte>.Shared.Return(sealedBytes);
        }
    }

    /// <summary>AES-256-GCM in 1 MiB chunks, each with its own nonce and tag, as the object store seals objects.</summary>
    private int Seal(ReadOnlySpan<byte> plain, Span<byte> output)
    {
        using var aes = new AesGcm(_key, AesGcm.TagByteSizes.MaxSize);
        Span<byte> nonce = stackalloc byte[AesGcm.NonceByteSizes.MaxSize];
        RandomNumberGenerator.Fill(nonce);
        var written = 0;
        var index = 0;
        for (var done = 0; done < plain.Length || index == 0; index++)
        {
            var n = Math.Min(ChunkSize, plain.Length - done);
            nonce[^1] = (byte)index;
            aes.Encrypt(nonce, plain.Slice(done, n), output.Slice(written, n), output.Slice(written + n, AesGcm.TagByteSizes.MaxSize));
            done += n;
            written += n + AesGcm.TagByteSizes.MaxSize;
        }

        return written;
    }

    /// <summary>One flush covers every append that finished before it started (group commit, as the pack store does).</summary>
    private async Task FlushAsync()
    {
        var ticket = Interlocked.Increment(ref _flushRequested);
        await _flushTurn.WaitAsync();
        try
        {
            if (Volatile.Read(ref _flushed) < ticket)
            {
                var covered = Volatile.Read(ref _flushRequested);
                RandomAccess.FlushToDisk(_pack);
                Volatile.Write(ref _flushed, covered);
            }
        }
        finally
        {
            _flushTurn.Release();
        }
    }
}
