using System.Globalization;

namespace OpenAlgebra.Modules.Imaging.Rendering;

/// <summary>
/// The colour of each mask label, shared by the overlay images and the viewer's legend and seeds: ITK-SNAP's first
/// label colours (red, green, blue, yellow, cyan, magenta, …), repeating after twelve. Label 0 is background and has none.
/// </summary>
public static class LabelColors
{
    private static readonly (byte R, byte G, byte B)[] Palette =
    [
        (255, 0, 0), (0, 255, 0), (0, 0, 255), (255, 255, 0), (0, 255, 255), (255, 0, 255),
        (255, 239, 213), (0, 0, 205), (205, 133, 63), (210, 180, 140), (102, 205, 170), (0, 0, 128),
    ];

    /// <exception cref="ArgumentOutOfRangeException">The label is not 1 to 255.</exception>
    public static (byte R, byte G, byte B) Of(int label) => label is >= 1 and <= 255
        ? Palette[(label - 1) % Palette.Length]
        : throw new ArgumentOutOfRangeException(nameof(label), label, "A mask label is 1 to 255 (0 is background).");

    /// <summary>The colour as CSS, <c>#rrggbb</c>.</summary>
    public static string Css(int label)
    {
        var (r, g, b) = Of(label);
        return string.Create(CultureInfo.InvariantCulture, $"#{r:x2}{g:x2}{b:x2}");
    }
}
