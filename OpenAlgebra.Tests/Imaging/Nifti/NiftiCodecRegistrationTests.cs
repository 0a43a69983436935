using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using OpenAlgebra.Modules.Imaging;
using OpenAlgebra.Modules.Imaging.Nifti;

namespace OpenAlgebra.Tests.Imaging.Nifti;

public sealed class NiftiCodecRegistrationTests
{
    [Fact]
    public void AddImaging_registers_one_shared_codec()
    {
        using var provider = new ServiceCollection().AddImaging(new ConfigurationBuilder().Build()).BuildServiceProvider();

        var codec = provider.GetRequiredService<INiftiCodec>();

        Assert.Same(codec, provider.GetRequiredService<INiftiCodec>());
    }
}
