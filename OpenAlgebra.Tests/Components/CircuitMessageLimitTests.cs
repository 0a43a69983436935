using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using OpenAlgebra.Modules.Platform;
using OpenAlgebra.Tests.Infrastructure;

namespace OpenAlgebra.Tests.Components;

/// <summary>The circuit takes the message that lists a whole chosen folder: as many files as an upload may hold.</summary>
public sealed class CircuitMessageLimitTests
{
    [Theory]
    [InlineData(null, 5000 * 2048L)]
    [InlineData("2000", 2000 * 2048L)]
    [InlineData("3", 32 * 1024L)]
    public async Task The_hub_takes_a_listing_of_the_most_files_an_upload_may_hold(string? maxFiles, long expected)
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProviders.Sqlite);
        await using var app = new AppFactory(database, maxFiles is null ? null : new() { ["OpenAlgebra:Upload:MaxFiles"] = maxFiles });

        Assert.Equal(expected, app.Services.GetRequiredService<IOptions<HubOptions>>().Value.MaximumReceiveMessageSize);
    }
}
