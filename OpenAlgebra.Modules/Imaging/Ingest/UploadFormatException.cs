namespace OpenAlgebra.Modules.Imaging.Ingest;

/// <summary>The request is not a multipart body that can be read (HTTP endpoints answer 400); the message says why.</summary>
public sealed class UploadFormatException(string message, Exception? inner = null) : Exception(message, inner);
