namespace OpenAlgebra.Modules.Compliance.Audit;

/// <summary>The stored shape of one audit row, as Dapper reads and writes it.</summary>
internal sealed record AuditRow
{
    public long Seq { get; init; }
    public string OccurredAt { get; init; } = "";
    public string UserName { get; init; } = "";
    public string UserRoles { get; init; } = "";
    public string? SourceIp { get; init; }
    public string EventId { get; init; } = "";
    public string? EventType { get; init; }
    public string Action { get; init; } = "";
    public int Outcome { get; init; }
    public string? ObjectType { get; init; }
    public string? ObjectId { get; init; }
    public string? Detail { get; init; }
    public string PrevHash { get; init; } = "";
    public string Hash { get; init; } = "";

    public const string Columns =
        "seq AS Seq, occurred_at AS OccurredAt, user_name AS UserName, user_roles AS UserRoles, source_ip AS SourceIp, " +
        "event_id AS EventId, event_type AS EventType, action AS Action, outcome AS Outcome, object_type AS ObjectType, " +
        "object_id AS ObjectId, detail AS Detail, prev_hash AS PrevHash, hash AS Hash";

    public AuditRecord ToRecord() => new(
        Seq,
        Platform.Timestamps.Parse(OccurredAt),
        UserName,
        UserRoles.Length == 0 ? [] : UserRoles.Split(','),
        SourceIp,
        EventId,
        EventType,
        Action,
        Outcome,
        ObjectType,
        ObjectId,
        Detail,
        Hash);
}
