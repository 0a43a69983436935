using OpenAlgebra.Modules.Imaging.Index;

namespace OpenAlgebra.Tests.Imaging.Index;

/// <summary>Instance objects fan out over two levels of folders named by the UID's SHA-256, the same for a UID every time.</summary>
public sealed class InstanceObjectKeyTests
{
    [Fact]
    public void The_folders_are_the_first_two_bytes_of_the_uids_sha256()
    {
        // SHA-256("1.2.840.10008.1.2") starts 76 70.
        Assert.Equal("instances/76/70/1.2.840.10008.1.2", InstanceObjectKey.For("1.2.840.10008.1.2"));
    }

    [Fact]
    public void Consecutive_uids_of_one_series_spread_over_many_folders()
    {
        var folders = Enumerable.Range(1, 1000)
            .Select(n => InstanceObjectKey.For($"1.2.826.0.1.3680043.10.1.2.3.{n}"))
            .Select(key => key[..key.LastIndexOf('/')])
            .Distinct(StringComparer.Ordinal)
            .Count();

        // Thrown at random into 65,536 folders, 1,000 keys share a folder about 8 times; a skewed hash shares far more.
        Assert.True(folders > 980, $"1,000 UIDs landed in only {folders} folders.");
    }

    [Fact]
    public void An_empty_uid_is_refused()
    {
        Assert.Throws<ArgumentException>(() => InstanceObjectKey.For(""));
    }
}
