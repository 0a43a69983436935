namespace OpenAlgebra.Web.Components.Viewer;

/// <summary>What a left-button drag over the image does (the middle button always pans, the right always windows).</summary>
public enum ViewerTool
{
    Window,
    Pan,
    Zoom,
    Paint,
}
