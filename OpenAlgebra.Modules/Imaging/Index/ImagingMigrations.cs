using OpenAlgebra.Modules.Platform.Sql;

namespace OpenAlgebra.Modules.Imaging.Index;

/// <summary>
/// The study index: pseudonymous patients, studies, series and instances, with the de-identified main tags. Every
/// UID here is a keyed replacement UID; originals live only in the pseudonym vault.
/// </summary>
internal sealed class ImagingMigrations : IMigrationSource
{
    private const string Module = "imaging";

    public IEnumerable<Migration> Migrations =>
    [
        new(Module, 1, "study index", """
            CREATE TABLE patients (
                id TEXT PRIMARY KEY,
                pseudonym TEXT NOT NULL UNIQUE,
                created_at TEXT NOT NULL);
            CREATE TABLE studies (
                id TEXT PRIMARY KEY,
                patient_id TEXT NOT NULL REFERENCES patients (id),
                study_uid TEXT NOT NULL UNIQUE,
                study_date TEXT NULL,
                study_time TEXT NULL,
                description TEXT NULL,
                modalities TEXT NOT NULL DEFAULT '',
                series_count INTEGER NOT NULL DEFAULT 0,
                instance_count INTEGER NOT NULL DEFAULT 0,
                created_at TEXT NOT NULL,
                updated_at TEXT NOT NULL);
            CREATE INDEX ix_studies_patient ON studies (patient_id);
            CREATE INDEX ix_studies_date ON studies (study_date);
            CREATE INDEX ix_studies_created ON studies (created_at);
            CREATE TABLE series (
                id TEXT PRIMARY KEY,
                study_id TEXT NOT NULL REFERENCES studies (id),
                series_uid TEXT NOT NULL UNIQUE,
                kind TEXT NOT NULL,
                modality TEXT NOT NULL,
                description TEXT NULL,
                series_number INTEGER NULL,
                body_part TEXT NULL,
                pixel_rows INTEGER NULL,
                pixel_columns INTEGER NULL,
                instance_count INTEGER NOT NULL DEFAULT 0,
                created_at TEXT NOT NULL);
            CREATE INDEX ix_series_study ON series (study_id);
            CREATE TABLE instances (
                id TEXT PRIMARY KEY,
                series_id TEXT NOT NULL REFERENCES series (id),
                sop_instance_uid TEXT NOT NULL UNIQUE,
                sop_class_uid TEXT NULL,
                instance_number INTEGER NULL,
                transfer_syntax TEXT NULL,
                pixel_rows INTEGER NULL,
                pixel_columns INTEGER NULL,
                frames INTEGER NULL,
                object_key TEXT NOT NULL,
                size BIGINT NOT NULL,
                sha256 TEXT NOT NULL,
                created_at TEXT NOT NULL);
            CREATE INDEX ix_instances_series ON instances (series_id);
            CREATE TABLE pending_objects (
                object_key TEXT PRIMARY KEY,
                created_at TEXT NOT NULL);
            """),
        new(Module, 2, "derived series", """
            ALTER TABLE series ADD COLUMN derived_from_series_id TEXT NULL;
            CREATE INDEX ix_series_derived_from ON series (derived_from_series_id);
            """),
    ];
}
