using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace OpenAlgebra.Modules.Compliance.Audit;

/// <summary>
/// hash(n) = SHA-256(hash(n-1) ‖ '\n' ‖ canonical(row n)). The canonical form is a JSON array of every stored
/// field but the hashes, so any edit, removal or reordering of rows changes some hash down the chain.
/// </summary>
internal static class AuditChain
{
    public static readonly string Genesis = new('0', 64);

    public static string HashOf(string previousHash, AuditRow row)
    {
        var canonical = JsonSerializer.Serialize(new object?[]
        {
            row.Seq, row.OccurredAt, row.UserName, row.UserRoles, row.SourceIp, row.EventId, row.EventType,
            row.Action, row.Outcome, row.ObjectType, row.ObjectId, row.Detail,
        });
        var bytes = Encoding.UTF8.GetBytes(previousHash + "\n" + canonical);
        return Convert.ToHexStringLower(SHA256.HashData(bytes));
    }
}
