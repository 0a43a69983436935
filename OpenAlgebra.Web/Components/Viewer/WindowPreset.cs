using OpenAlgebra.Modules.Imaging.Rendering;

namespace OpenAlgebra.Web.Components.Viewer;

/// <summary>A window the toolbar offers by name and by a number key; <see cref="Name"/> is what the slice endpoint's <c>window=</c> takes.</summary>
public sealed record WindowPreset(string Name, string Label, string Key)
{
    public const string Auto = "auto";

    /// <summary>Brain, lung, bone and soft tissue (their level/width from the rendering module), then the file's own window, on keys 1–5.</summary>
    public static IReadOnlyList<WindowPreset> All { get; } =
    [
        new("brain", "Brain", "1"),
        new("lung", "Lung", "2"),
        new("bone", "Bone", "3"),
        new("soft-tissue", "Soft tissue", "4"),
        new(Auto, "Auto", "5"),
    ];

    /// <summary>Level (center) and width; null for <see cref="Auto"/>, whose window depends on the series.</summary>
    public (double Center, double Width)? Values => Name == Auto ? null : SliceWindow.Preset(Name).Window is { } w ? (w.Center, w.Width) : null;
}
