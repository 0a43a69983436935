using System.CommandLine;
using OpenAlgebra.Modules.LinearAlgebra;
using OpenAlgebra.Web.Hosting;

namespace OpenAlgebra.Web.Cli;

/// <summary>
/// The admin command line: the same executable and configuration as the server, without the server.
/// Exit codes: 0 success, 1 the command failed (reason on stderr), 2 bad usage.
/// </summary>
internal static class AdminCommands
{
    private static readonly string[] Names = ["create-user", "revoke-tokens", "migrate", "audit", "deidentify", "rotate-master-key", "bench", "linalg", "engine"];

    public static bool IsCommand(string[] args) =>
        args.Length > 0 && (Names.Contains(args[0], StringComparer.Ordinal) || args[0] is "--help" or "-h" or "help");

    /// <param name="configure">Adds configuration; <paramref name="addServices"/> adds services (both for tests, which run commands in process).</param>
    public static async Task<int> RunAsync(string[] args, TextReader? input = null, TextWriter? output = null, TextWriter? error = null,
        Action<IConfigurationBuilder>? configure = null, Action<IServiceCollection>? addServices = null)
    {
        var context = new CommandContext(input ?? Console.In, output ?? Console.Out, error ?? Console.Error, configure, addServices);
        var root = new RootCommand("OpenAlgebra administration. Without a command, the executable serves the web application.")
        {
            CreateUserCommand.Build(context),
            RevokeTokensCommand.Build(context),
            MigrateCommand.Build(context),
            AuditCommand.Build(context),
            DeidentifyCommand.Build(context),
            RotateMasterKeyCommand.Build(context),
            Bench.BenchCommand.Build(context),
            LinalgCommand.Build(context),
            EngineCommand.Build(context),
        };
        var parsed = root.Parse(args[0] == "help" ? ["--help"] : args);
        return await parsed.InvokeAsync(new InvocationConfiguration { Output = context.Output, Error = context.Error });
    }
}

/// <summary>What every command shares: its streams and a way to build the services of the configured profile.</summary>
internal sealed class CommandContext(TextReader input, TextWriter output, TextWriter error, Action<IConfigurationBuilder>? configure,
    Action<IServiceCollection>? addServices = null)
{
    public TextReader Input { get; } = input;
    public TextWriter Output { get; } = output;
    public TextWriter Error { get; } = error;

    public async Task<IHost> StartServicesAsync(CancellationToken cancellationToken)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { Args = [], DisableDefaults = false });
        configure?.Invoke(builder.Configuration);
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Services.AddModules(builder.Configuration);
        addServices?.Invoke(builder.Services);
        var host = builder.Build();
        await host.Services.GetRequiredService<Modules.Platform.Sql.IDatabaseMigrator>().MigrateAsync(cancellationToken);
        return host;
    }

    /// <summary>
    /// The linear algebra engine alone, under the server's configuration (appsettings, <c>OpenAlgebra__…</c> variables):
    /// a solve needs no database, so none is opened or migrated.
    /// </summary>
    public ServiceProvider LinearAlgebraServices()
    {
        // No host owns this configuration, so nothing would stop the file watchers of reloadable appsettings.
        var configuration = new ConfigurationManager();
        configuration["hostBuilder:reloadConfigOnChange"] = "false";
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { Args = [], DisableDefaults = false, Configuration = configuration });
        configure?.Invoke(builder.Configuration);
        return new ServiceCollection().AddLogging().AddSingleton<IConfiguration>(builder.Configuration)
            .AddLinearAlgebra(builder.Configuration).BuildServiceProvider();
    }

    /// <summary>Runs a command body, turning expected failures into a message and exit code 1.</summary>
    public async Task<int> RunAsync(Func<IServiceProvider, CancellationToken, Task<int>> body, CancellationToken cancellationToken)
    {
        try
        {
            using var host = await StartServicesAsync(cancellationToken);
            return await body(host.Services, cancellationToken);
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException or Modules.Compliance.Accounts.AccountValidationException
            or Modules.Inference.InferenceRequestException or Modules.Inference.InferenceNotFoundException or Modules.Inference.InferenceConflictException
            or Modules.Compliance.Audit.AuditWriteException or System.Data.Common.DbException or Microsoft.Extensions.Options.OptionsValidationException)
        {
            await Error.WriteLineAsync($"error: {e.Message}");
            return 1;
        }
    }
}
