using OpenAlgebra.Web.Cli;
using OpenAlgebra.Web.Hosting;

if (AdminCommands.IsCommand(args))
{
    return await AdminCommands.RunAsync(args);
}

var builder = WebApplication.CreateBuilder(args);
builder.WebHost.UseStaticWebAssets();
if (string.IsNullOrEmpty(builder.Configuration["urls"]) && string.IsNullOrEmpty(builder.Configuration["http_ports"]))
{
    builder.WebHost.UseUrls("http://localhost:5080");
}

builder.Services.AddOpenAlgebraWeb(builder.Configuration);
var app = builder.Build();
await StartupTasks.InitializeAsync(app.Services, app.Configuration);
app.UseOpenAlgebra();
await app.RunAsync();
return 0;

/// <summary>Entry point, public for WebApplicationFactory in the tests.</summary>
public partial class Program;
