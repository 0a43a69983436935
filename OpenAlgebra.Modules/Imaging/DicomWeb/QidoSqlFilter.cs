using OpenAlgebra.Modules.Imaging.Dicom;

namespace OpenAlgebra.Modules.Imaging.DicomWeb;

/// <summary>A search as SQL for SQLite and PostgreSQL alike.</summary>
/// <param name="Where">Conditions joined by AND, to follow WHERE; "1 = 1" when nothing is matched.</param>
/// <param name="Parameters">Values of the @-named parameters in <paramref name="Where"/>; Dapper takes the dictionary as it is.</param>
/// <param name="Unmapped">
/// Matching keys the column map does not cover, left out of <paramref name="Where"/>: PS3.18 8.3 has the server
/// ignore unsupported keys, and warn about them.
/// </param>
public sealed record QidoSqlFilter(string Where, IReadOnlyDictionary<string, object> Parameters, IReadOnlyList<DicomTag> Unmapped);
