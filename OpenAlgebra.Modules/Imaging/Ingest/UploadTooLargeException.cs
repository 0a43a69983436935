namespace OpenAlgebra.Modules.Imaging.Ingest;

/// <summary>
/// An upload went past one of its size or count limits; reading stopped there and nothing of it was kept.
/// HTTP endpoints answer 413. The message names the limit and the configuration key that sets it.
/// </summary>
public sealed class UploadTooLargeException : Exception
{
    internal UploadTooLargeException(string message, long limit, string configurationKey)
        : base(message)
    {
        Limit = limit;
        ConfigurationKey = configurationKey;
    }

    public long Limit { get; }

    /// <summary>The key that sets the limit, e.g. <c>OpenAlgebra:Upload:MaxRequestBytes</c>.</summary>
    public string ConfigurationKey { get; }
}
