namespace OpenAlgebra.Tests.Infrastructure;

/// <summary>
/// Real services the tests use, found through environment variables that <c>.ci/run</c> exports. Missing ones skip
/// the test on a developer machine and fail it under CI, where they must be there.
/// </summary>
internal static class Services
{
    public const string PostgresVariable = "OPENALGEBRA_TEST_POSTGRES";
    public const string RedisVariable = "OPENALGEBRA_TEST_REDIS";
    public const string S3Variable = "OPENALGEBRA_TEST_S3";

    public static string Postgres => Require(PostgresVariable, "PostgreSQL");

    public static string Redis => Require(RedisVariable, "Redis");

    /// <summary>An S3-API server given as <c>http://host:port</c> (s3rver's default credentials S3RVER/S3RVER).</summary>
    public static OpenAlgebra.Modules.Platform.Blobs.S3Options S3(string bucket) => new()
    {
        ServiceUrl = Require(S3Variable, "An S3-API server"),
        Bucket = bucket,
        AccessKey = Environment.GetEnvironmentVariable("OPENALGEBRA_TEST_S3_ACCESS_KEY") ?? "S3RVER",
        SecretKey = Environment.GetEnvironmentVariable("OPENALGEBRA_TEST_S3_SECRET_KEY") ?? "S3RVER",
    };

    public const string PydicomTestFiles = "/usr/lib/python3/dist-packages/pydicom/data/test_files";
    public const string NibabelTestData = "/usr/lib/python3/dist-packages/nibabel/tests/data";
    public const string DebianPython = "/usr/bin/python3";
    public const string PillowPackage = "/usr/lib/python3/dist-packages/PIL";
    public const string SkimagePackage = "/usr/lib/python3/dist-packages/skimage";
    public const string ScipyPackage = "/usr/lib/python3/dist-packages/scipy";

    /// <summary>pydicom's sample files (Debian package python3-pydicom).</summary>
    public static string PydicomFiles => RequireDirectory(PydicomTestFiles, "python3-pydicom");

    /// <summary>nibabel's sample files (Debian package python3-nibabel).</summary>
    public static string NibabelFiles => RequireDirectory(NibabelTestData, "python3-nibabel");

    /// <summary>Pillow for Debian's Python (Debian package python3-pil): an independent PNG decoder.</summary>
    public static string Pillow => RequireDirectory(PillowPackage, "python3-pil");

    /// <summary>scikit-image for Debian's Python (Debian package python3-skimage): the reference for the analysis engines.</summary>
    public static string Skimage => RequireDirectory(SkimagePackage, "python3-skimage");

    /// <summary>SciPy for Debian's Python (Debian package python3-scipy): an independent Matrix Market reader and writer and distance transform.</summary>
    public static string Scipy => RequireDirectory(ScipyPackage, "python3-scipy");

    public const string ChromiumPath = "/usr/bin/chromium";

    /// <summary>Debian's Chromium, which the browser tests drive through Playwright (no browser is ever downloaded).</summary>
    public static string Chromium => Program(ChromiumPath, "chromium");

    /// <summary>A program from a Debian package, e.g. dcmdump from dcmtk.</summary>
    public static string Program(string path, string package) =>
        File.Exists(path) ? path : Missing($"{path} is not installed (Debian package {package}; .ci/run installs it).");

    private static string RequireDirectory(string path, string package) =>
        Directory.Exists(path) ? path : Missing($"{path} is missing (Debian package {package}; .ci/run installs it).");

    private static bool UnderCi => string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    private static string Require(string variable, string service)
    {
        var value = Environment.GetEnvironmentVariable(variable);
        if (!string.IsNullOrWhiteSpace(value))
        {
            return value;
        }

        return Missing($"{service} is not configured: set {variable} (.ci/run does).");
    }

    private static string Missing(string message)
    {
        if (UnderCi)
        {
            Assert.Fail(message);
        }

        Assert.Skip(message);
        return "";
    }
}
