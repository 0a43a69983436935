using System.Text;

namespace OpenAlgebra.Tests.Imaging.Ingest;

/// <summary>A multipart/form-data body written byte by byte, the way browsers and curl send one.</summary>
internal sealed class MultipartBody
{
    public const string Boundary = "----OpenAlgebraTest7MA4YWxkTrZu0gW";

    private readonly List<byte> _parts = [];

    public string ContentType { get; init; } = $"multipart/form-data; boundary={Boundary}";

    public MultipartBody File(string? fileName, byte[] content, string contentType = "application/octet-stream") =>
        Part($"Content-Disposition: form-data; name=\"files\"; filename=\"{fileName}\"\r\nContent-Type: {contentType}", content);

    public MultipartBody Field(string name, string value) =>
        Part($"Content-Disposition: form-data; name=\"{name}\"", Encoding.UTF8.GetBytes(value));

    /// <summary>A part with exactly these headers (none at all for multipart/related).</summary>
    public MultipartBody Part(string headers, byte[] content)
    {
        Write($"--{Boundary}\r\n{headers}\r\n\r\n");
        _parts.AddRange(content);
        Write("\r\n");
        return this;
    }

    public byte[] Build() => [.. _parts, .. Encoding.ASCII.GetBytes($"--{Boundary}--\r\n")];

    public MemoryStream Stream() => new(Build(), writable: false);

    private void Write(string text) => _parts.AddRange(Encoding.UTF8.GetBytes(text));
}
