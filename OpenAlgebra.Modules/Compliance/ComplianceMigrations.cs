using OpenAlgebra.Modules.Platform.Sql;

namespace OpenAlgebra.Modules.Compliance;

internal sealed class ComplianceMigrations : IMigrationSource
{
    private const string Module = "compliance";

    public IEnumerable<Migration> Migrations =>
    [
        new(Module, 1, "users, sessions, API tokens", """
            CREATE TABLE users (
                id TEXT PRIMARY KEY,
                user_name TEXT NOT NULL,
                normalized_name TEXT NOT NULL UNIQUE,
                password_hash TEXT NOT NULL,
                roles TEXT NOT NULL,
                failed_sign_ins INTEGER NOT NULL DEFAULT 0,
                locked_until TEXT NULL,
                created_at TEXT NOT NULL);
            CREATE TABLE sessions (
                id TEXT PRIMARY KEY,
                user_id TEXT NOT NULL REFERENCES users (id),
                created_at TEXT NOT NULL,
                last_seen_at TEXT NOT NULL,
                source_ip TEXT NULL,
                ended_at TEXT NULL,
                end_reason TEXT NULL);
            CREATE INDEX ix_sessions_user ON sessions (user_id);
            CREATE TABLE api_tokens (
                id TEXT PRIMARY KEY,
                user_id TEXT NOT NULL REFERENCES users (id),
                name TEXT NOT NULL,
                token_hash TEXT NOT NULL UNIQUE,
                created_at TEXT NOT NULL,
                expires_at TEXT NOT NULL,
                last_used_at TEXT NULL,
                revoked_at TEXT NULL);
            CREATE INDEX ix_api_tokens_user ON api_tokens (user_id);
            """),
        new(Module, 2, "hash-chained audit trail", """
            CREATE TABLE audit_events (
                seq BIGINT PRIMARY KEY,
                occurred_at TEXT NOT NULL,
                user_name TEXT NOT NULL,
                user_roles TEXT NOT NULL,
                source_ip TEXT NULL,
                event_id TEXT NOT NULL,
                event_type TEXT NULL,
                action TEXT NOT NULL,
                outcome INTEGER NOT NULL,
                object_type TEXT NULL,
                object_id TEXT NULL,
                detail TEXT NULL,
                prev_hash TEXT NOT NULL,
                hash TEXT NOT NULL);
            CREATE INDEX ix_audit_events_time ON audit_events (occurred_at);
            CREATE INDEX ix_audit_events_user ON audit_events (user_name);
            CREATE INDEX ix_audit_events_event ON audit_events (event_id);
            CREATE TABLE audit_chain_head (
                id INTEGER PRIMARY KEY CHECK (id = 1),
                seq BIGINT NOT NULL,
                hash TEXT NOT NULL);
            INSERT INTO audit_chain_head (id, seq, hash) VALUES (1, 0, '0000000000000000000000000000000000000000000000000000000000000000');
            """),
        new(Module, 3, "audit trail is append-only",
            """
            CREATE TRIGGER audit_events_no_update BEFORE UPDATE ON audit_events
            BEGIN SELECT RAISE(ABORT, 'audit_events is append-only'); END;
            CREATE TRIGGER audit_events_no_delete BEFORE DELETE ON audit_events
            BEGIN SELECT RAISE(ABORT, 'audit_events is append-only'); END;
            """,
            PostgresSql: """
            CREATE FUNCTION audit_events_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN RAISE EXCEPTION 'audit_events is append-only'; END $$;
            CREATE TRIGGER audit_events_no_change BEFORE UPDATE OR DELETE ON audit_events
            FOR EACH ROW EXECUTE FUNCTION audit_events_append_only();
            """),
    ];
}
