namespace OpenAlgebra.Modules.Imaging.Ingest;

/// <summary>
/// One file after parsing, de-identification and the PHI re-scan: the prepared bytes, or why it was refused.
/// <see cref="Started"/> is when its preparation began (a <see cref="System.Diagnostics.Stopwatch"/> timestamp).
/// </summary>
internal sealed record Preparation(IngestSource File, string Kind, long Started, PreparedFile? Prepared, string? Refusal, PhiFoundException? Phi);
