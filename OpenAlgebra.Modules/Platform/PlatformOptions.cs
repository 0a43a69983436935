namespace OpenAlgebra.Modules.Platform;

/// <summary>The <c>OpenAlgebra</c> configuration section shared by every module.</summary>
public sealed class PlatformOptions
{
    public const string Section = "OpenAlgebra";

    /// <summary>Where the embedded profile keeps its database, blobs and keys; relative paths resolve against the content root.</summary>
    public string DataDirectory { get; set; } = "data";

    public DatabaseOptions Database { get; set; } = new();

    public JobOptions Jobs { get; set; } = new();
}

public sealed class DatabaseOptions
{
    /// <summary><c>sqlite</c> (embedded default) or <c>postgres</c>.</summary>
    public string Provider { get; set; } = DatabaseProviders.Sqlite;
}

public static class DatabaseProviders
{
    public const string Sqlite = "sqlite";
    public const string Postgres = "postgres";
}

public sealed class JobOptions
{
    /// <summary>Workers on the <c>gpu</c> queue: one per GPU slot, so heavy analyses never oversubscribe the device.</summary>
    public int GpuWorkers { get; set; } = 1;

    /// <summary>Workers on the <c>default</c> queue; 0 means one per processor core.</summary>
    public int DefaultWorkers { get; set; }
}
