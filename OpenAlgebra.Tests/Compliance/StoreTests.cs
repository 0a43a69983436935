using OpenAlgebra.Modules.Compliance;
using OpenAlgebra.Modules.Compliance.Accounts;
using OpenAlgebra.Modules.Compliance.Audit;
using OpenAlgebra.Modules.Compliance.Tokens;
using OpenAlgebra.Modules.Platform;
using OpenAlgebra.Modules.Platform.Sql;
using OpenAlgebra.Tests.Infrastructure;

namespace OpenAlgebra.Tests.Compliance;

/// <summary>The same store code against both databases.</summary>
public sealed class StoreTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Migrations_apply_once_and_a_second_run_is_a_no_op(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider, migrate: false);
        var migrator = database.Get<IDatabaseMigrator>();

        var first = await migrator.MigrateAsync(Ct);
        var second = await migrator.MigrateAsync(Ct);

        Assert.NotEmpty(first);
        Assert.Empty(second);
        Assert.Equal(first.Count, await database.ScalarAsync<long>("SELECT COUNT(*) FROM schema_migrations"));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Concurrent_migrators_apply_each_migration_once(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider, migrate: false);
        var migrator = database.Get<IDatabaseMigrator>();

        // SQLite serialises writers itself; PostgreSQL relies on the advisory lock.
        var results = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(() => migrator.MigrateAsync(Ct), Ct)));

        var applied = results.SelectMany(r => r).Select(m => (m.Module, m.Version)).ToList();
        Assert.Equal(applied.Count, applied.Distinct().Count());
        Assert.Equal(applied.Count, await database.ScalarAsync<long>("SELECT COUNT(*) FROM schema_migrations"));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Accounts_sign_in_lock_out_and_refuse_duplicates(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var accounts = database.Get<IAccountService>();
        var user = await accounts.CreateUserAsync("Dr.Grey", [Roles.Clinician, Roles.Admin], "correct horse battery", AuditActor.System, Ct);

        Assert.Equal(["Clinician", "Admin"], user.Roles);
        var ok = await accounts.SignInAsync("dr.grey", "correct horse battery", "10.0.0.1", Ct);
        Assert.Equal(SignInStatus.Succeeded, ok.Status);
        Assert.NotNull(ok.SessionId);
        Assert.Equal(SessionState.Active, (await database.Get<ISessionService>().CheckAsync(ok.SessionId!, Ct)).State);

        for (var i = 0; i < 4; i++)
        {
            Assert.Equal(SignInStatus.InvalidCredentials, (await accounts.SignInAsync("Dr.Grey", "wrong", null, Ct)).Status);
        }

        var locked = await accounts.SignInAsync("Dr.Grey", "wrong", null, Ct);
        Assert.Equal(SignInStatus.LockedOut, locked.Status);
        Assert.Equal(SignInStatus.LockedOut, (await accounts.SignInAsync("Dr.Grey", "correct horse battery", null, Ct)).Status);

        var duplicate = await Assert.ThrowsAsync<AccountValidationException>(() =>
            accounts.CreateUserAsync("DR.GREY", [Roles.Ops], "another long password", AuditActor.System, Ct));
        Assert.Contains("already taken", duplicate.Message, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Tokens_authenticate_until_revoked(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var user = await database.Get<IAccountService>().CreateUserAsync("ops1", [Roles.Ops], "a sufficiently long one", AuditActor.System, Ct);
        var tokens = database.Get<IApiTokenService>();

        var created = await tokens.CreateAsync(user.Id, "deploy", null, AuditActor.System, Ct);
        var identity = await tokens.AuthenticateAsync(created.Token, Ct);
        Assert.Equal("ops1", identity!.UserName);
        Assert.Equal([Roles.Ops], identity.Roles);

        Assert.Equal(1, await tokens.RevokeAllAsync("ops1", AuditActor.System, Ct));
        Assert.Null(await tokens.AuthenticateAsync(created.Token, Ct));
        Assert.False(await tokens.RevokeAsync(created.Id, null, AuditActor.System, Ct));
        await Assert.ThrowsAsync<ArgumentException>(() => tokens.RevokeAllAsync("nobody", AuditActor.System, Ct));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task The_audit_chain_has_no_forks_under_concurrent_appends(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var trail = database.Get<IAuditTrail>();
        var actor = new AuditActor("tester", [Roles.Admin], "127.0.0.1");

        await Task.WhenAll(Enumerable.Range(0, 200).Select(i => Task.Run(() => trail.RecordAsync(
            new AuditEvent(actor, AuditEventIds.Query, AuditActions.Execute, AuditOutcomes.Success, Detail: $"event {i}"), Ct), Ct)));

        var status = await trail.VerifyAsync(Ct);
        Assert.True(status.Intact, status.Message);
        Assert.Equal(200, status.RowsChecked);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task The_audit_table_refuses_updates_and_deletes(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await database.Get<IAuditTrail>().RecordAsync(new AuditEvent(AuditActor.System, AuditEventIds.Query, AuditActions.Read, AuditOutcomes.Success), Ct);

        await Assert.ThrowsAnyAsync<System.Data.Common.DbException>(() => database.ExecuteAsync("UPDATE audit_events SET detail = 'x'"));
        await Assert.ThrowsAnyAsync<System.Data.Common.DbException>(() => database.ExecuteAsync("DELETE FROM audit_events"));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task The_audit_query_pages_newest_first_and_round_trips_every_field(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var trail = database.Get<IAuditTrail>();
        var actor = new AuditActor("ann", [Roles.Clinician, Roles.Ops], "192.0.2.7");
        for (var i = 1; i <= 5; i++)
        {
            await trail.RecordAsync(new AuditEvent(actor, AuditEventIds.DicomInstancesAccessed, AuditActions.Read, AuditOutcomes.Success,
                null, "study", $"s{i}", $"détail \"{i}\""), Ct);
        }

        var page = await trail.QueryAsync(new AuditQuery(UserName: "ann", PageSize: 2, Page: 2), AuditActor.System, Ct);

        Assert.Equal(5, page.Total);
        Assert.Equal(["s3", "s2"], page.Items.Select(r => r.ObjectId));
        var row = page.Items[0];
        Assert.Equal(["Clinician", "Ops"], row.Roles);
        Assert.Equal("192.0.2.7", row.SourceIp);
        Assert.Equal("détail \"3\"", row.Detail);
        Assert.True((await trail.VerifyAsync(Ct)).Intact);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    public async Task The_first_admin_gets_a_generated_password_when_none_is_configured(string? configured)
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProviders.Sqlite);
        var accounts = database.Get<IAccountService>();

        var generated = await accounts.EnsureInitialAdminAsync(configured, Ct);

        Assert.NotNull(generated);
        Assert.Equal(24, generated.Length);
        Assert.Equal(SignInStatus.Succeeded, (await accounts.SignInAsync("admin", generated, null, Ct)).Status);
        Assert.Null(await accounts.EnsureInitialAdminAsync(configured, Ct));
    }
}
