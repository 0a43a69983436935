namespace OpenAlgebra.Modules.Platform.Blobs;

/// <summary><c>OpenAlgebra:Blobs</c>: where object bytes live.</summary>
public sealed class BlobOptions
{
    public const string Section = "OpenAlgebra:Blobs";

    /// <summary><c>filesystem</c> (under the data directory, the embedded default) or <c>s3</c>.</summary>
    public string Provider { get; set; } = "filesystem";

    public S3Options S3 { get; set; } = new();
}

/// <summary>An S3-API server (AWS, MinIO, …), addressed path-style.</summary>
public sealed class S3Options
{
    public string? ServiceUrl { get; set; }

    public string Bucket { get; set; } = "openalgebra";

    public string? AccessKey { get; set; }

    public string? SecretKey { get; set; }

    public string Region { get; set; } = "us-east-1";
}
