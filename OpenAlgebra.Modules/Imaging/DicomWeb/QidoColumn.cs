namespace OpenAlgebra.Modules.Imaging.DicomWeb;

/// <summary>
/// Where the index keeps an attribute, for <see cref="QidoSql"/>. The column holds the value as the data set has it,
/// unpadded: text as text (a person name whole, "Family^Given=Ideographic"), DA as YYYYMMDD, TM as HHMMSS.FFFFFF,
/// numbers as numbers. For text ranges to order as the standard means on PostgreSQL, give TM and DT columns the "C"
/// collation; DA digits order the same under any collation.
/// </summary>
/// <param name="Expression">The column (or expression) in the query's FROM, e.g. <c>s.patient_id</c>.</param>
public sealed record QidoColumn(string Expression)
{
    /// <summary>
    /// For a multi-valued attribute kept one value per row (ModalitiesInStudy in the series table), a correlated
    /// subquery without its closing condition, e.g. <c>SELECT 1 FROM series x WHERE x.study_id = s.id</c>;
    /// the key then matches when any such row does. <see cref="Expression"/> names the column inside it.
    /// </summary>
    public string? ExistsIn { get; init; }
}
