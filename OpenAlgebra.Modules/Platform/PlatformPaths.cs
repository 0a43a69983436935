using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace OpenAlgebra.Modules.Platform;

/// <summary>Absolute locations under the data directory, resolved once against the content root.</summary>
public sealed class PlatformPaths
{
    public PlatformPaths(IOptions<PlatformOptions> options, IHostEnvironment environment)
    {
        DataDirectory = Path.GetFullPath(options.Value.DataDirectory, environment.ContentRootPath);
    }

    public string DataDirectory { get; }

    public string DatabaseFile => Path.Combine(DataDirectory, "openalgebra.db");

    public string BlobDirectory => Path.Combine(DataDirectory, "blobs");

    public string KeyDirectory => Path.Combine(DataDirectory, "keys");
}
