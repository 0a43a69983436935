namespace OpenAlgebra.Modules.Imaging.Ingest;

/// <summary>
/// One file after parsing, de-identification, the PHI re-scan and the study check: the prepared bytes, or why it was refused.
/// <see cref="Started"/> is when its preparation began (a <see cref="System.Diagnostics.Stopwatch"/> timestamp).
/// </summary>
internal sealed record Preparation(IngestSource File, string Kind, long Started, PreparedFile? Prepared, IngestRejection? Refusal, PhiFoundException? Phi);
