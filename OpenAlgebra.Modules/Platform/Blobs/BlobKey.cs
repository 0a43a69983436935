namespace OpenAlgebra.Modules.Platform.Blobs;

internal static class BlobKey
{
    public static void Validate(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        if (key.Length is 0 or > 512)
        {
            throw new ArgumentException($"Blob key must be 1 to 512 characters, got {key.Length}.", nameof(key));
        }

        foreach (var segment in key.Split('/'))
        {
            if (segment.Length == 0 || segment is "." or "..")
            {
                throw new ArgumentException($"Blob key '{key}' has an empty, '.' or '..' segment.", nameof(key));
            }

            foreach (var c in segment)
            {
                if (!(c is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '.' or '_' or '-'))
                {
                    throw new ArgumentException($"Blob key '{key}' contains '{c}'; only a-z, 0-9, '.', '_', '-' and '/' are allowed.", nameof(key));
                }
            }
        }
    }
}
