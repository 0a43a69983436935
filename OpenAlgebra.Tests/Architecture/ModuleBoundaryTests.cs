using System.Reflection;
using NetArchTest.Rules;
using OpenAlgebra.Modules.Platform;

namespace OpenAlgebra.Tests.Architecture;

/// <summary>
/// Modules share one assembly, so the compiler cannot stop one module from using another's internals.
/// These rules can: a module may use only the public types of another module, and the Web project only public types.
/// </summary>
public sealed class ModuleBoundaryTests
{
    private const string Root = "OpenAlgebra.Modules";
    private static readonly string[] ModuleNames = ["Platform", "Imaging", "LinearAlgebra", "Inference", "Compliance"];
    private static readonly Assembly ModulesAssembly = typeof(PlatformModule).Assembly;

    public static TheoryData<string> Modules => [.. ModuleNames];

    [Theory]
    [MemberData(nameof(Modules))]
    public void A_module_uses_no_internal_type_of_another_module(string module)
    {
        var foreignInternals = InternalTypes().Where(t => ModuleOf(t) != module).ToArray();
        if (foreignInternals.Length == 0)
        {
            return;
        }

        var result = Types.InAssembly(ModulesAssembly)
            .That().ResideInNamespace($"{Root}.{module}")
            .ShouldNot().HaveDependencyOnAny(foreignInternals)
            .GetResult();

        Assert.True(result.IsSuccessful, $"{module} uses internals of another module: {string.Join(", ", result.FailingTypeNames ?? [])}");
    }

    [Fact]
    public void Every_module_type_lives_in_a_module_namespace()
    {
        var stray = ModulesAssembly.GetTypes()
            .Where(t => t.Namespace is not null && !t.Name.StartsWith('<'))
            .Where(t => ModuleNames.All(m => t.Namespace != $"{Root}.{m}" && !t.Namespace!.StartsWith($"{Root}.{m}.", StringComparison.Ordinal)))
            .Select(t => t.FullName)
            .ToList();

        Assert.Empty(stray);
    }

    [Fact]
    public void Each_module_exposes_an_Add_method_taking_services_and_configuration()
    {
        foreach (var module in ModuleNames)
        {
            var entry = ModulesAssembly.GetType($"{Root}.{module}.{module}Module");
            Assert.True(entry is { IsPublic: true }, $"{module} has no public {module}Module class");
            var add = entry!.GetMethod($"Add{module}", BindingFlags.Public | BindingFlags.Static);
            Assert.NotNull(add);
            Assert.Equal(
                ["Microsoft.Extensions.DependencyInjection.IServiceCollection", "Microsoft.Extensions.Configuration.IConfiguration"],
                add!.GetParameters().Select(p => p.ParameterType.FullName));
        }
    }

    [Fact]
    public void The_web_project_sees_only_the_public_surface_of_the_modules()
    {
        var grantees = ModulesAssembly.GetCustomAttributes<System.Runtime.CompilerServices.InternalsVisibleToAttribute>()
            .Select(a => a.AssemblyName).ToList();
        Assert.Equal(["OpenAlgebra.Tests"], grantees);

        var result = Types.InAssembly(typeof(Program).Assembly)
            .ShouldNot().HaveDependencyOnAny(InternalTypes())
            .GetResult();
        Assert.True(result.IsSuccessful, $"Web uses module internals: {string.Join(", ", result.FailingTypeNames ?? [])}");
    }

    [Fact]
    public void The_rule_catches_a_violation()
    {
        // Guards the guard: a type of the test assembly (which is granted internals) that uses a module internal.
        var result = Types.InAssembly(typeof(ModuleBoundaryTests).Assembly)
            .That().HaveName(nameof(ArchitectureViolationSample))
            .ShouldNot().HaveDependencyOnAny(InternalTypes())
            .GetResult();

        Assert.False(result.IsSuccessful);
    }

    private static string[] InternalTypes() =>
        ModulesAssembly.GetTypes()
            .Where(t => !t.IsVisible && !t.Name.StartsWith('<') && !t.IsNested && t.Namespace?.StartsWith(Root + ".", StringComparison.Ordinal) == true)
            .Select(t => t.FullName!)
            .ToArray();

    private static string ModuleOf(string fullName) => fullName[(Root.Length + 1)..].Split('.')[0];
}

internal sealed class ArchitectureViolationSample
{
    public OpenAlgebra.Modules.Compliance.Audit.AuditRow? Row { get; set; }
}
