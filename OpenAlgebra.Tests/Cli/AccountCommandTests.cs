using OpenAlgebra.Modules.Compliance;
using OpenAlgebra.Modules.Compliance.Accounts;
using OpenAlgebra.Modules.Compliance.Audit;
using OpenAlgebra.Modules.Compliance.Tokens;
using OpenAlgebra.Modules.Platform;
using OpenAlgebra.Tests.Infrastructure;

namespace OpenAlgebra.Tests.Cli;

public sealed class AccountCommandTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Create_user_reads_the_password_from_stdin_and_audits_it()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProviders.Sqlite);

        var result = await CommandRunner.RunAsync(database, "a password of length\n", "create-user", "dr.house", "clinician,Admin", "--password-stdin");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("created user dr.house (Clinician, Admin)", result.Output, StringComparison.Ordinal);
        var signIn = await database.Get<IAccountService>().SignInAsync("dr.house", "a password of length", null, Ct);
        Assert.Equal(SignInStatus.Succeeded, signIn.Status);
        var audit = await database.Get<IAuditTrail>().QueryAsync(new AuditQuery(UserName: "cli"), AuditActor.System, Ct);
        Assert.Contains(audit.Items, r => r.Detail == "created user dr.house with roles Clinician,Admin");
    }

    [Theory]
    [InlineData("short\n", "clinician", "at least 12")]
    [InlineData("long enough password\n", "surgeon", "Unknown role 'surgeon'")]
    [InlineData("\n", "clinician", "no password")]
    public async Task Create_user_refuses_bad_input_with_a_reason(string stdin, string roles, string reason)
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProviders.Sqlite);

        var result = await CommandRunner.RunAsync(database, stdin, "create-user", "someone", roles, "--password-stdin");

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains(reason, result.Error, StringComparison.Ordinal);
        Assert.Null(await database.Get<IAccountService>().FindByNameAsync("someone", Ct));
    }

    [Fact]
    public async Task Revoke_tokens_revokes_one_users_tokens_or_everyones()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProviders.Sqlite);
        var accounts = database.Get<IAccountService>();
        var tokens = database.Get<IApiTokenService>();
        var a = await accounts.CreateUserAsync("alice", [Roles.Ops], "first long password", AuditActor.System, Ct);
        var b = await accounts.CreateUserAsync("bob", [Roles.Ops], "second long password", AuditActor.System, Ct);
        var aliceToken = await tokens.CreateAsync(a.Id, "t", null, AuditActor.System, Ct);
        var bobToken = await tokens.CreateAsync(b.Id, "t", null, AuditActor.System, Ct);

        var one = await CommandRunner.RunAsync(database, "", "revoke-tokens", "alice");
        Assert.Equal(0, one.ExitCode);
        Assert.Contains("revoked 1 API tokens of alice", one.Output, StringComparison.Ordinal);
        Assert.Null(await tokens.AuthenticateAsync(aliceToken.Token, Ct));
        Assert.NotNull(await tokens.AuthenticateAsync(bobToken.Token, Ct));

        var all = await CommandRunner.RunAsync(database, "", "revoke-tokens");
        Assert.Contains("revoked 1 API tokens of every user", all.Output, StringComparison.Ordinal);
        Assert.Null(await tokens.AuthenticateAsync(bobToken.Token, Ct));

        var unknown = await CommandRunner.RunAsync(database, "", "revoke-tokens", "mallory");
        Assert.Equal(1, unknown.ExitCode);
        Assert.Contains("No user is named 'mallory'", unknown.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Migrate_creates_the_schema_on_an_empty_database()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProviders.Sqlite, migrate: false);

        var result = await CommandRunner.RunAsync(database, "", "migrate");

        Assert.Equal(0, result.ExitCode);
        Assert.True(await database.ScalarAsync<long>("SELECT COUNT(*) FROM schema_migrations") >= 3);
    }
}
