using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using OpenAlgebra.Modules.Compliance.Accounts;
using OpenAlgebra.Modules.Compliance.Audit;
using OpenAlgebra.Modules.Compliance.Deidentification;
using OpenAlgebra.Modules.Compliance.PhiScanning;
using OpenAlgebra.Modules.Compliance.Tokens;
using OpenAlgebra.Modules.Platform.Sql;

namespace OpenAlgebra.Modules.Compliance;

public static class ComplianceModule
{
    /// <summary>Users, roles, sessions, API tokens, the audit trail, the de-identification profile and the PHI scanner.</summary>
    public static IServiceCollection AddCompliance(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<AuthOptions>().Bind(configuration.GetSection(AuthOptions.Section))
            .Validate(o => o.MinimumPasswordLength >= 12, $"{AuthOptions.Section}:MinimumPasswordLength may not be below 12.")
            .Validate(o => o.LockoutThreshold >= 1 && o.LockoutMinutes >= 1, $"{AuthOptions.Section}: lockout threshold and minutes must be positive.")
            .Validate(o => o.IdleTimeoutMinutes >= 1, $"{AuthOptions.Section}:IdleTimeoutMinutes must be at least 1.")
            .ValidateOnStart();
        services.AddSingleton<IMigrationSource, ComplianceMigrations>();
        services.AddSingleton<IPasswordHasher<UserRow>, PasswordHasher<UserRow>>();
        services.AddSingleton<AuditTrail>();
        services.AddSingleton<IAuditTrail>(sp => sp.GetRequiredService<AuditTrail>());
        services.AddSingleton<IAccountService, AccountService>();
        services.AddSingleton<ISessionService, SessionService>();
        services.AddSingleton<IApiTokenService, ApiTokenService>();
        services.AddSingleton<Vault.IPseudonymVault, Vault.PseudonymVault>();
        services.AddSingleton<Platform.Encryption.IIntegrityAlarm, AuditingIntegrityAlarm>();
        AddDeidentification(services, configuration);
        return services;
    }

    private static void AddDeidentification(IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<DeidentificationOptions>().Bind(configuration.GetSection(DeidentificationOptions.Section)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<DeidentificationOptions>, DeidentificationOptionsValidator>();
        services.AddSingleton<SiteSecrets>();
        services.AddSingleton<IDeidentificationProfile, DeidentificationProfile>();
        services.AddSingleton<IPhiScanner, PhiScanner>();
    }
}
