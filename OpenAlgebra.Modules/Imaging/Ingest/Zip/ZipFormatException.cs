namespace OpenAlgebra.Modules.Imaging.Ingest.Zip;

/// <summary>The archive's structure cannot be followed; the message says where, for the uploader.</summary>
internal sealed class ZipFormatException(string message) : Exception(message);
