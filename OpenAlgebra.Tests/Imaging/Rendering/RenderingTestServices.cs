using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using OpenAlgebra.Modules.Imaging;
using OpenAlgebra.Modules.Imaging.Rendering;

namespace OpenAlgebra.Tests.Imaging.Rendering;

/// <summary>The renderer as the application gets it, through <see cref="ImagingModule.AddImaging"/>.</summary>
internal static class RenderingTestServices
{
    private static readonly ServiceProvider Provider =
        new ServiceCollection().AddImaging(new ConfigurationBuilder().Build()).BuildServiceProvider();

    public static ISliceRenderer Renderer { get; } = Provider.GetRequiredService<ISliceRenderer>();
}
