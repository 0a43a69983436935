using Dapper;
using OpenAlgebra.Modules.Platform.Sql;

namespace OpenAlgebra.Modules.Inference.References;

internal sealed class ReferenceCaseStore(ISqlDatabase database)
{
    private const string Columns =
        "id AS Id, engine AS Engine, name AS Name, series_id AS SeriesId, labels AS Labels, seeds AS Seeds, parameters AS Parameters, " +
        "mask_key AS MaskKey, mask_sha256 AS MaskSha256, created_by AS CreatedBy, created_at AS CreatedAt";

    public async Task<IReadOnlyList<ReferenceCaseRow>> ListAsync(string engine, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        var rows = await connection.QueryAsync<ReferenceCaseRow>(new CommandDefinition(
            $"SELECT {Columns} FROM engine_reference_cases WHERE engine = @engine ORDER BY created_at, id", new { engine },
            cancellationToken: cancellationToken)).ConfigureAwait(false);
        return rows.ToList();
    }

    public async Task<ReferenceCaseRow?> GetAsync(string engine, string id, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        return await connection.QuerySingleOrDefaultAsync<ReferenceCaseRow>(new CommandDefinition(
            $"SELECT {Columns} FROM engine_reference_cases WHERE engine = @engine AND id = @id", new { engine, id },
            cancellationToken: cancellationToken)).ConfigureAwait(false);
    }

    /// <returns>false when the engine already has a case of that name.</returns>
    public async Task<bool> InsertAsync(ReferenceCaseRow row, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        return await connection.ExecuteAsync(new CommandDefinition("""
            INSERT INTO engine_reference_cases (id, engine, name, series_id, labels, seeds, parameters, mask_key, mask_sha256, created_by, created_at)
            VALUES (@Id, @Engine, @Name, @SeriesId, @Labels, @Seeds, @Parameters, @MaskKey, @MaskSha256, @CreatedBy, @CreatedAt)
            ON CONFLICT (engine, name) DO NOTHING
            """, row, cancellationToken: cancellationToken)).ConfigureAwait(false) == 1;
    }

    public async Task<bool> DeleteAsync(string engine, string id, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        return await connection.ExecuteAsync(new CommandDefinition(
            "DELETE FROM engine_reference_cases WHERE engine = @engine AND id = @id", new { engine, id },
            cancellationToken: cancellationToken)).ConfigureAwait(false) == 1;
    }
}
