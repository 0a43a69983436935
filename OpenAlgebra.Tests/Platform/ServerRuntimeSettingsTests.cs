using System.Text.Json;

namespace OpenAlgebra.Tests.Platform;

/// <summary>
/// The server's runtime settings that its measured ingest rate depends on, as the build writes them into the
/// runtimeconfig.json that the deployed server starts with.
/// </summary>
public sealed class ServerRuntimeSettingsTests
{
    private static JsonElement ConfigProperties()
    {
        var path = Path.Combine(AppContext.BaseDirectory, "OpenAlgebra.Web.runtimeconfig.json");
        using var document = JsonDocument.Parse(File.ReadAllText(path));
        return document.RootElement.GetProperty("runtimeOptions").GetProperty("configProperties").Clone();
    }

    [Fact]
    public void Dynamic_pgo_is_off_so_a_restarted_server_reaches_its_steady_rate_quickly() =>
        Assert.False(ConfigProperties().GetProperty("System.Runtime.TieredPGO").GetBoolean());

    [Fact]
    public void Slice_sized_arrays_stay_off_the_large_object_heap() =>
        Assert.Equal(4 * 1024 * 1024, ConfigProperties().GetProperty("System.GC.LOHThreshold").GetInt32());

    [Fact]
    public void The_server_collects_garbage_on_every_core() =>
        Assert.True(ConfigProperties().GetProperty("System.GC.Server").GetBoolean());
}
