using MudBlazor;

namespace OpenAlgebra.Web.Components.Layout;

internal static class OpenAlgebraTheme
{
    public static MudTheme Theme { get; } = new()
    {
        PaletteLight = new PaletteLight { Primary = "#1f5f8b", AppbarBackground = "#1f5f8b" },
    };
}
