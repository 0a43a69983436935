namespace OpenAlgebra.Modules.Platform.Blobs.Packs;

/// <summary>
/// The folder of pack files and their catalog inside the blob folder. Its name has a capital letter, which no object
/// key may have, so it can never be taken for an object stored as a file of its own (as objects were before packs).
/// </summary>
internal static class PackFolder
{
    public const string Name = "Packs";

    public const string Extension = ".pack";

    public const string CatalogFile = "catalog.db";
}
