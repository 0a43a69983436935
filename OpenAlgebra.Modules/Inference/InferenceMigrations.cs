using OpenAlgebra.Modules.Platform.Sql;

namespace OpenAlgebra.Modules.Inference;

/// <summary>
/// Analyses (one row per job, the single source of truth for its state, results and review) and the engine registry
/// (each engine version with its defaults and validation record; activations as a history that rollback walks back).
/// </summary>
internal sealed class InferenceMigrations : IMigrationSource
{
    private const string Module = "inference";

    public IEnumerable<Migration> Migrations =>
    [
        new(Module, 1, "analyses and engine registry", """
            CREATE TABLE analyses (
                id TEXT PRIMARY KEY,
                series_id TEXT NOT NULL,
                engine TEXT NOT NULL,
                engine_version TEXT NOT NULL,
                queue TEXT NOT NULL,
                parameters TEXT NOT NULL,
                seeds TEXT NOT NULL,
                input_mask_analysis_id TEXT NULL,
                reference_mask_analysis_id TEXT NULL,
                state TEXT NOT NULL,
                progress INTEGER NOT NULL DEFAULT 0,
                message TEXT NULL,
                reason TEXT NULL,
                cancel_requested INTEGER NOT NULL DEFAULT 0,
                attempts INTEGER NOT NULL DEFAULT 0,
                run_id TEXT NULL,
                job_id TEXT NULL,
                created_by TEXT NOT NULL,
                created_at TEXT NOT NULL,
                started_at TEXT NULL,
                finished_at TEXT NULL,
                mask_key TEXT NULL,
                mask_sha256 TEXT NULL,
                seg_key TEXT NULL,
                seg_sha256 TEXT NULL,
                metrics_key TEXT NULL,
                metrics_sha256 TEXT NULL,
                derived_series_id TEXT NULL,
                review_decision TEXT NULL,
                review_comment TEXT NULL,
                reviewed_by TEXT NULL,
                reviewed_at TEXT NULL);
            CREATE INDEX ix_analyses_series ON analyses (series_id, created_at);
            CREATE INDEX ix_analyses_state ON analyses (state);
            CREATE TABLE engine_versions (
                engine TEXT NOT NULL,
                version TEXT NOT NULL,
                description TEXT NOT NULL,
                workload TEXT NOT NULL,
                requires_seeds INTEGER NOT NULL,
                default_parameters TEXT NOT NULL,
                registered_at TEXT NOT NULL,
                validated_at TEXT NULL,
                validated_by TEXT NULL,
                validation_dice DOUBLE PRECISION NULL,
                validation_cases TEXT NULL,
                PRIMARY KEY (engine, version));
            CREATE TABLE engine_activations (
                engine TEXT NOT NULL,
                seq BIGINT NOT NULL,
                version TEXT NOT NULL,
                activated_at TEXT NOT NULL,
                activated_by TEXT NOT NULL,
                rolled_back_at TEXT NULL,
                rolled_back_by TEXT NULL,
                PRIMARY KEY (engine, seq));
            """),
    ];
}
