using Bunit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using MudBlazor.Services;
using OpenAlgebra.Modules.Compliance.Audit;
using OpenAlgebra.Modules.Imaging.Index;
using OpenAlgebra.Modules.Imaging.Ingest;
using OpenAlgebra.Modules.Platform;
using OpenAlgebra.Tests.Infrastructure;

namespace OpenAlgebra.Tests.Components;

/// <summary>A bUnit context for the clinician pages over a real embedded-profile database, signed in with the given roles.</summary>
internal sealed class PageHarness : IAsyncDisposable
{
    private PageHarness(TestDatabase database, string user, string[] roles)
    {
        Database = database;
        Context.JSInterop.Mode = JSRuntimeMode.Loose;
        Context.Services.AddMudServices();
        Context.Services.AddSingleton(database.Get<IAuditTrail>());
        Context.Services.AddSingleton(database.Get<IStudyIndex>());
        Context.Services.AddSingleton(database.Get<OpenAlgebra.Modules.Inference.Analyses.IAnalysisService>());
        Context.Services.AddSingleton(database.Get<IStudyIngest>());
        Context.Services.AddSingleton(database.Get<IUploadSpooler>());
        Context.Services.AddSingleton(database.Get<IOptions<UploadOptions>>());
        Context.AddAuthorization().SetAuthorized(user).SetRoles(roles);
        Context.Renderer.SetRendererInfo(new Microsoft.AspNetCore.Components.RendererInfo("Server", isInteractive: true));
        Context.Render<MudBlazor.MudPopoverProvider>();
    }

    public BunitContext Context { get; } = new();

    public TestDatabase Database { get; }

    public static async Task<PageHarness> CreateAsync(string user, string[] roles, Dictionary<string, string?>? settings = null) =>
        new(await TestDatabase.CreateAsync(DatabaseProviders.Sqlite, settings: settings), user, roles);

    public async ValueTask DisposeAsync()
    {
        await Context.DisposeAsync();
        await Database.DisposeAsync();
    }
}
