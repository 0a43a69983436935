namespace OpenAlgebra.Tests.LinearAlgebra.Ilgpu;

/// <summary>Comparisons relative to the size of what is compared, so one tolerance fits every length and scale.</summary>
internal static class Agreement
{
    /// <summary>max |expected − actual| ≤ tolerance · max |expected| (an all-zero expectation must be matched exactly).</summary>
    public static void Vectors(ReadOnlySpan<double> expected, ReadOnlySpan<double> actual, double tolerance, string what = "")
    {
        Assert.True(expected.Length == actual.Length, $"{what}: {actual.Length} elements where {expected.Length} were expected.");
        var scale = 0.0;
        foreach (var value in expected)
            scale = Math.Max(scale, Math.Abs(value));
        for (var i = 0; i < expected.Length; i++)
        {
            var error = Math.Abs(expected[i] - actual[i]);
            Assert.True(error <= tolerance * scale, $"{what} element {i}: expected {expected[i]:R}, got {actual[i]:R} (error {error:E2}, allowed {tolerance * scale:E2}).");
        }
    }

    /// <summary>|expected − actual| ≤ tolerance · scale, where scale bounds the rounding of the sum (e.g. Σ|xᵢyᵢ| for a dot).</summary>
    public static void Scalars(double expected, double actual, double scale, double tolerance)
    {
        var error = Math.Abs(expected - actual);
        Assert.True(error <= tolerance * scale, $"Expected {expected:R}, got {actual:R} (error {error:E2}, allowed {tolerance * scale:E2}).");
    }
}
