using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using OpenAlgebra.Modules.Compliance;
using OpenAlgebra.Modules.Compliance.Deidentification;
using OpenAlgebra.Modules.Compliance.PhiScanning;
using OpenAlgebra.Modules.Imaging;
using OpenAlgebra.Modules.Imaging.Deidentification;
using OpenAlgebra.Modules.Imaging.Dicom;
using OpenAlgebra.Modules.Platform;
using OpenAlgebra.Tests.Infrastructure;

namespace OpenAlgebra.Tests.Compliance.Deidentification;

/// <summary>Policies, the de-identifier and the scanner under a fixed test secret, without a service container.</summary>
internal static class TestPolicies
{
    public static readonly byte[] Secret = Enumerable.Range(1, 32).Select(i => (byte)i).ToArray();

    public static string SecretBase64 => Convert.ToBase64String(Secret);

    public static readonly ProductInfo Product = new("1.2.3", "test", DateTimeOffset.UnixEpoch, "test");

    public static readonly DicomCodec Codec = new();

    public static readonly IDicomDeidentifier Deidentifier = new DicomDeidentifier(Product);

    public static readonly IPhiScanner Scanner = new PhiScanner();

    public static IDeidentificationPolicy Policy(params ProfileOption[] options) =>
        Policy(new DeidentificationOptions { ProfileOptions = [.. options] });

    public static IDeidentificationPolicy Policy(DeidentificationOptions options) =>
        new DeidentificationPolicy(ProfileTable.Instance, options, new Pseudonymizer(Secret, options.PatientNamePattern), Product.Version);

    /// <summary>The modules as the application composes them, over a data directory, with extra settings.</summary>
    public static ServiceProvider Services(string dataDirectory, Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?>(settings) { ["OpenAlgebra:DataDirectory"] = dataDirectory })
            .Build();
        return new ServiceCollection()
            .AddLogging()
            .AddSingleton<Microsoft.Extensions.Hosting.IHostEnvironment>(new TestHostEnvironment(dataDirectory))
            .AddPlatform(configuration)
            .AddCompliance(configuration)
            .AddImaging(configuration)
            .BuildServiceProvider();
    }

    public static DicomFile Read(string path)
    {
        using var stream = File.OpenRead(path);
        return Codec.Read(stream);
    }

    public static byte[] Write(DicomFile file)
    {
        using var stream = new MemoryStream();
        Codec.Write(file, stream);
        return stream.ToArray();
    }

    /// <summary>A file holding just <paramref name="dataset"/>, as if read from a Part 10 file.</summary>
    public static DicomFile FileOf(DicomDataset dataset) => new(null, new DicomDataset(), dataset, DicomTransferSyntax.ExplicitVRLittleEndian);

    /// <summary>Sets an attribute by keyword with the dictionary's VR: <c>dataset.Put("StudyDate", "20200315")</c>.</summary>
    public static DicomDataset Put(this DicomDataset dataset, string keyword, string value)
    {
        var entry = DicomRegistry.FindByKeyword(keyword) ?? throw new ArgumentException($"No attribute is called {keyword}.", nameof(keyword));
        dataset.SetString(entry.Tag, Enum.Parse<DicomVR>(entry.VR), value);
        return dataset;
    }

    public static DicomTag Tag(string keyword) => DicomRegistry.FindByKeyword(keyword)!.Tag;

    /// <summary>A sequence attribute with the given items, each parented to <paramref name="dataset"/>.</summary>
    public static DicomDataset PutSequence(this DicomDataset dataset, string keyword, params DicomDataset[] items)
    {
        dataset.Set(new DicomSequence(Tag(keyword), DicomVR.SQ, [.. items], undefinedLength: false));
        return dataset;
    }
}
