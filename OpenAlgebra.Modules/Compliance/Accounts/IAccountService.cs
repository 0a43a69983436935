using OpenAlgebra.Modules.Compliance.Audit;

namespace OpenAlgebra.Modules.Compliance.Accounts;

public interface IAccountService
{
    /// <summary>Checks the password, applies lockout, opens a session on success; audits every outcome.</summary>
    Task<SignInResult> SignInAsync(string userName, string password, string? sourceIp, CancellationToken cancellationToken = default);

    /// <exception cref="AccountValidationException">The name, password or roles break a rule, or the name is taken.</exception>
    Task<UserAccount> CreateUserAsync(string userName, IReadOnlyList<string> roles, string password, AuditActor actor, CancellationToken cancellationToken = default);

    Task<UserAccount?> FindByNameAsync(string userName, CancellationToken cancellationToken = default);

    /// <summary>On first start, creates <c>admin</c> (Admin, Ops).</summary>
    /// <returns>The generated password when none was configured and the account was created now; otherwise null.</returns>
    Task<string?> EnsureInitialAdminAsync(string? configuredPassword, CancellationToken cancellationToken = default);
}
