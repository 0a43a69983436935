namespace OpenAlgebra.Modules.Compliance.Audit;

/// <summary>Who did it and from where.</summary>
public sealed record AuditActor(string UserName, IReadOnlyList<string> Roles, string? SourceIp)
{
    /// <summary>The application itself: start-up, the command line, background jobs.</summary>
    public static AuditActor System { get; } = new("system", [], null);
}

/// <summary>One event to append to the trail.</summary>
public sealed record AuditEvent(
    AuditActor Actor,
    string EventId,
    string Action,
    int Outcome,
    string? EventType = null,
    string? ObjectType = null,
    string? ObjectId = null,
    string? Detail = null);

/// <summary>One stored row of the trail, with its place in the hash chain.</summary>
public sealed record AuditRecord(
    long Sequence,
    DateTimeOffset OccurredAt,
    string UserName,
    IReadOnlyList<string> Roles,
    string? SourceIp,
    string EventId,
    string? EventType,
    string Action,
    int Outcome,
    string? ObjectType,
    string? ObjectId,
    string? Detail,
    string Hash);

public sealed record AuditQuery(
    DateTimeOffset? From = null,
    DateTimeOffset? To = null,
    string? UserName = null,
    string? EventId = null,
    int Page = 1,
    int PageSize = 50)
{
    public const int MaxPageSize = 500;
}

public sealed record AuditPage(IReadOnlyList<AuditRecord> Items, long Total, int Page, int PageSize);

/// <summary>The result of re-computing the chain. <see cref="FirstBadSequence"/> names where it first breaks.</summary>
public sealed record AuditChainStatus(bool Intact, long RowsChecked, long? FirstBadSequence, string Message);

/// <summary>The audit row could not be written, so the action it describes was not performed.</summary>
public sealed class AuditWriteException(string message, Exception inner) : Exception(message, inner);
