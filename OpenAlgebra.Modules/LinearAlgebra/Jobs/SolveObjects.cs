using OpenAlgebra.Modules.LinearAlgebra.IO;
using OpenAlgebra.Modules.LinearAlgebra.Sparse;
using OpenAlgebra.Modules.Platform.Encryption;

namespace OpenAlgebra.Modules.LinearAlgebra.Jobs;

/// <summary>
/// A job's matrix, right-hand side and solution as Matrix Market files in the encrypted object store, under
/// <c>linalg/&lt;job id&gt;/</c>: the store every app instance shares, so any worker can run the job. The text is
/// staged in a temporary file that deletes itself, because the store reads what it encrypts synchronously.
/// </summary>
internal sealed class SolveObjects(IEncryptedObjectStore objects)
{
    public static string Key(string jobId, string name) => $"linalg/{jobId}/{name}.mtx";

    public Task<StoredObject> PutMatrixAsync(string key, CsrMatrix<double> matrix, CancellationToken cancellationToken) =>
        PutAsync(key, stream => MatrixMarket.Write(stream, matrix), cancellationToken);

    public Task<StoredObject> PutVectorAsync(string key, double[] vector, CancellationToken cancellationToken) =>
        PutAsync(key, stream => MatrixMarket.WriteVector<double>(stream, vector), cancellationToken);

    public async Task<CsrMatrix<double>> ReadMatrixAsync(string key, string sha256, CancellationToken cancellationToken)
    {
        await using var stream = await OpenAsync(key, sha256, cancellationToken).ConfigureAwait(false);
        return MatrixMarket.Read<double>(stream);
    }

    public async Task<double[]> ReadVectorAsync(string key, string sha256, CancellationToken cancellationToken)
    {
        await using var stream = await OpenAsync(key, sha256, cancellationToken).ConfigureAwait(false);
        return MatrixMarket.ReadVector<double>(stream);
    }

    public Task<Stream?> OpenReadAsync(string key, string sha256, CancellationToken cancellationToken) =>
        objects.OpenReadAsync(key, sha256, cancellationToken);

    public async Task DeleteAsync(IEnumerable<string?> keys, CancellationToken cancellationToken)
    {
        foreach (var key in keys.OfType<string>())
            await objects.DeleteAsync(key, cancellationToken).ConfigureAwait(false);
    }

    private async Task<Stream> OpenAsync(string key, string sha256, CancellationToken cancellationToken) =>
        await objects.OpenReadAsync(key, sha256, cancellationToken).ConfigureAwait(false)
            ?? throw new InvalidOperationException($"The stored input {key} is missing from the object store.");

    private async Task<StoredObject> PutAsync(string key, Action<Stream> write, CancellationToken cancellationToken)
    {
        var path = Path.Combine(Path.GetTempPath(), $"openalgebra-linalg-{Guid.NewGuid():N}.mtx");
        await using var staging = new FileStream(path, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, 1 << 16, FileOptions.DeleteOnClose);
        write(staging);
        staging.Position = 0;
        return await objects.PutAsync(key, staging, cancellationToken).ConfigureAwait(false);
    }
}
