using System.Globalization;
using OpenAlgebra.Modules.Imaging.Dicom.Pixels;

namespace OpenAlgebra.Modules.Imaging.Rendering;

/// <summary>
/// How a slice's modality values (HU for CT) become display levels: an explicit center and width, a named preset, or
/// automatic (the source's own window when known, else the slice's own range).
/// </summary>
public sealed record SliceWindow
{
    /// <summary>Level (center) and width in HU, as radiology quotes them ("brain 40/80").</summary>
    private static readonly (string Name, double Center, double Width)[] Presets =
    [
        ("brain", 40, 80),
        ("lung", -600, 1500),
        ("bone", 400, 1800),
        ("soft-tissue", 50, 400),
    ];

    private SliceWindow(string name, VoiWindow? window)
    {
        Name = name;
        Window = window;
    }

    /// <summary>The preset names <see cref="Preset"/> accepts (case-insensitive).</summary>
    public static IReadOnlyList<string> PresetNames { get; } = [.. Presets.Select(p => p.Name)];

    /// <summary>The preset's name, <c>explicit</c> or <c>auto</c>.</summary>
    public string Name { get; }

    /// <summary>The window applied to every slice; null for an automatic window taken from each slice's own range.</summary>
    public VoiWindow? Window { get; }

    /// <summary>
    /// A window of <paramref name="width"/> around <paramref name="center"/>, in modality units. It is DICOM's default
    /// LINEAR function, which is defined for widths of 1 and more; a narrower window (float data such as normalised MR)
    /// uses LINEAR_EXACT, the same line without LINEAR's half-unit offsets.
    /// </summary>
    /// <exception cref="ArgumentException">The width is not positive, or a value is not a finite number.</exception>
    public static SliceWindow Explicit(double center, double width) => Explicit(center, width, nameof(center), nameof(width));

    /// <summary>One of <see cref="PresetNames"/>: brain 40/80, lung −600/1500, bone 400/1800, soft-tissue 50/400 (level/width, HU).</summary>
    /// <exception cref="ArgumentException">No preset has that name.</exception>
    public static SliceWindow Preset(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return FindPreset(name) ?? throw new ArgumentException(
            $"Unknown window preset '{name}': use one of {string.Join(", ", PresetNames)}.", nameof(name));
    }

    /// <summary>
    /// The source's own window (e.g. <see cref="VoiWindow.FromDataset"/> of the series) when given; otherwise each slice
    /// is stretched from its lowest to its highest finite value (an RGB slice is shown as stored, 0–255).
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="source"/> is not a valid window.</exception>
    public static SliceWindow Auto(VoiWindow? source = null)
    {
        if (source is { IsValid: false } invalid)
        {
            throw new ArgumentException(
                string.Create(CultureInfo.InvariantCulture, $"The source window (center {invalid.Center}, width {invalid.Width}, {invalid.Function}) is not valid."),
                nameof(source));
        }

        return new SliceWindow("auto", source);
    }

    /// <summary>
    /// The window of the query <c>window=&amp;level=</c>: both absent or <c>window=auto</c> is <see cref="Auto"/>
    /// (with <paramref name="source"/>), a preset name is <see cref="Preset"/>, a number is a width that needs
    /// <c>level</c> as its center.
    /// </summary>
    /// <exception cref="ArgumentException">Names <c>window</c> or <c>level</c> and what each accepts.</exception>
    public static SliceWindow Parse(string? window, string? level, VoiWindow? source = null)
    {
        var hasLevel = !string.IsNullOrWhiteSpace(level);
        if (string.IsNullOrWhiteSpace(window) || string.Equals(window.Trim(), "auto", StringComparison.OrdinalIgnoreCase))
        {
            return hasLevel
                ? throw new ArgumentException("A level needs a window width: give window=<width>&level=<center>, or leave level out.", nameof(level))
                : Auto(source);
        }

        if (FindPreset(window) is { } preset)
        {
            return hasLevel
                ? throw new ArgumentException($"The {preset.Name} preset sets its own level: leave level out or give window=<width>.", nameof(level))
                : preset;
        }

        if (!TryNumber(window, out var width))
        {
            throw new ArgumentException(
                $"Unknown window '{window}': use auto, {string.Join(", ", PresetNames)}, or a positive width with level=<center>.", nameof(window));
        }

        if (!hasLevel)
        {
            throw new ArgumentException($"window={window} needs level=<center>, a number in the image's units.", nameof(level));
        }

        return TryNumber(level!, out var center)
            ? Explicit(center, width, nameof(level), nameof(window))
            : throw new ArgumentException($"Level '{level}' is not a number: give the window's center in the image's units.", nameof(level));
    }

    private static SliceWindow Explicit(double center, double width, string centerName, string widthName)
    {
        if (!double.IsFinite(center))
        {
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"The window center must be a finite number, got {center}."), centerName);
        }

        if (!(width > 0) || !double.IsFinite(width))
        {
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"The window width must be a positive finite number, got {width}."), widthName);
        }

        return new SliceWindow("explicit", new VoiWindow(center, width, width >= 1 ? VoiFunction.Linear : VoiFunction.LinearExact));
    }

    private static SliceWindow? FindPreset(string name)
    {
        foreach (var (preset, center, width) in Presets)
        {
            if (string.Equals(name.Trim(), preset, StringComparison.OrdinalIgnoreCase))
            {
                return new SliceWindow(preset, new VoiWindow(center, width));
            }
        }

        return null;
    }

    private static bool TryNumber(string text, out double value) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out value);
}
