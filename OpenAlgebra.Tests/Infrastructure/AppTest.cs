using OpenAlgebra.Modules.Platform;

namespace OpenAlgebra.Tests.Infrastructure;

/// <summary>A test class with its own embedded-profile app over a fresh SQLite database.</summary>
public abstract class AppTest : IAsyncLifetime
{
    internal TestDatabase Database { get; private set; } = null!;

    internal AppFactory App { get; private set; } = null!;

    protected static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        Database = await TestDatabase.CreateAsync(DatabaseProviders.Sqlite);
        App = new AppFactory(Database);
    }

    public async ValueTask DisposeAsync()
    {
        await App.DisposeAsync();
        await Database.DisposeAsync();
        GC.SuppressFinalize(this);
    }
}
