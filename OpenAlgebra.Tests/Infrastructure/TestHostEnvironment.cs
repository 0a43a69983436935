namespace OpenAlgebra.Tests.Infrastructure;

/// <summary>A host environment rooted at a test's temporary directory.</summary>
internal sealed class TestHostEnvironment(string root) : Microsoft.Extensions.Hosting.IHostEnvironment
{
    public string EnvironmentName { get; set; } = "Test";
    public string ApplicationName { get; set; } = "OpenAlgebra.Tests";
    public string ContentRootPath { get; set; } = root;
    public Microsoft.Extensions.FileProviders.IFileProvider ContentRootFileProvider { get; set; } = new Microsoft.Extensions.FileProviders.NullFileProvider();
}
