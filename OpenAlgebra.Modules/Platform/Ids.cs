namespace OpenAlgebra.Modules.Platform;

/// <summary>Identifiers for rows and objects: time-ordered (UUID v7) so indexes stay append-mostly.</summary>
public static class Ids
{
    public static string New() => Guid.CreateVersion7().ToString("N");
}
