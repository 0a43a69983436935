using OpenAlgebra.Modules.Platform.Sql;

namespace OpenAlgebra.Modules.LinearAlgebra.Jobs;

/// <summary>
/// Solves requested through the API. The row, not Hangfire's storage, is the record of a solve: it outlives the
/// embedded profile's in-memory job queue, and a job that finds its row finished does nothing.
/// </summary>
internal sealed class LinearAlgebraMigrations : IMigrationSource
{
    private const string Module = "linalg";

    public IEnumerable<Migration> Migrations =>
    [
        new(Module, 1, "solve jobs", """
            CREATE TABLE linalg_jobs (
                id TEXT PRIMARY KEY,
                owner_id TEXT NOT NULL,
                state TEXT NOT NULL,
                matrix_rows INTEGER NOT NULL,
                matrix_columns INTEGER NOT NULL,
                non_zeros BIGINT NOT NULL,
                solver TEXT NOT NULL,
                preconditioner TEXT NOT NULL,
                backend_requested TEXT NOT NULL,
                tolerance DOUBLE PRECISION NOT NULL,
                max_iterations INTEGER NOT NULL,
                matrix_key TEXT NULL,
                matrix_sha256 TEXT NULL,
                rhs_key TEXT NULL,
                rhs_sha256 TEXT NULL,
                solution_key TEXT NULL,
                solution_sha256 TEXT NULL,
                converged INTEGER NULL,
                iterations INTEGER NULL,
                relative_residual DOUBLE PRECISION NULL,
                seconds DOUBLE PRECISION NULL,
                backend TEXT NULL,
                reason TEXT NULL,
                error TEXT NULL,
                attempts INTEGER NOT NULL DEFAULT 0,
                run_id TEXT NULL,
                job_id TEXT NULL,
                created_at TEXT NOT NULL,
                started_at TEXT NULL,
                finished_at TEXT NULL);
            CREATE INDEX ix_linalg_jobs_owner ON linalg_jobs (owner_id);
            CREATE INDEX ix_linalg_jobs_state ON linalg_jobs (state);
            CREATE INDEX ix_linalg_jobs_finished ON linalg_jobs (finished_at);
            """),
    ];
}
