using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using OpenAlgebra.Modules.Imaging;
using OpenAlgebra.Modules.Imaging.Dicom;
using OpenAlgebra.Modules.Imaging.Dicom.Pixels;
using OpenAlgebra.Modules.Imaging.Rendering;
using OpenAlgebra.Modules.Imaging.Volumes;

namespace OpenAlgebra.Tests.Imaging;

public sealed class ImagingModuleTests
{
    [Fact]
    public void AddImaging_registers_the_codec_the_pixel_decoder_the_volume_builder_and_the_slice_renderer()
    {
        using var provider = new ServiceCollection().AddImaging(new ConfigurationBuilder().Build()).BuildServiceProvider();
        Assert.NotNull(provider.GetRequiredService<IDicomCodec>());
        Assert.NotNull(provider.GetRequiredService<IDicomPixelDecoder>());
        Assert.NotNull(provider.GetRequiredService<IVolumeBuilder>());
        Assert.NotNull(provider.GetRequiredService<ISliceRenderer>());
    }
}
