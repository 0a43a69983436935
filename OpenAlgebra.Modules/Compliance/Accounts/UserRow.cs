using OpenAlgebra.Modules.Platform;

namespace OpenAlgebra.Modules.Compliance.Accounts;

internal sealed record UserRow
{
    public const string Columns =
        "id AS Id, user_name AS UserName, password_hash AS PasswordHash, roles AS Roles, failed_sign_ins AS FailedSignIns, " +
        "locked_until AS LockedUntil, created_at AS CreatedAt";

    public string Id { get; init; } = "";
    public string UserName { get; init; } = "";
    public string PasswordHash { get; init; } = "";
    public string Roles { get; init; } = "";
    public int FailedSignIns { get; init; }
    public string? LockedUntil { get; init; }
    public string CreatedAt { get; init; } = "";

    public UserAccount ToAccount() => new(
        Id, UserName, Roles.Split(','), Timestamps.Parse(CreatedAt), LockedUntil is null ? null : Timestamps.Parse(LockedUntil));

    public static string Normalize(string userName) => userName.Trim().ToUpperInvariant();
}
