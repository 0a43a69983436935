using OpenAlgebra.Modules.Platform;

namespace OpenAlgebra.Tests.Infrastructure;

/// <summary>
/// The whole app on one of the two runtime profiles of DESIGN.md: embedded (SQLite and the filesystem) or production
/// (PostgreSQL and an S3 bucket of its own), each over a fresh database.
/// </summary>
internal sealed class ProfileApp : IAsyncDisposable
{
    public const string Embedded = "embedded";
    public const string Production = "postgres+s3";

    private ProfileApp(TestDatabase database, AppFactory app)
    {
        Database = database;
        App = app;
    }

    /// <summary>Theory data: both profiles.</summary>
    public static TheoryData<string> Profiles => [Embedded, Production];

    public TestDatabase Database { get; }

    public AppFactory App { get; }

    /// <summary>The app on <paramref name="profile"/>; the production one skips (or fails under CI) without PostgreSQL and S3.</summary>
    public static async Task<ProfileApp> CreateAsync(string profile)
    {
        if (profile == Embedded)
        {
            var embedded = await TestDatabase.CreateAsync(DatabaseProviders.Sqlite);
            return new ProfileApp(embedded, new AppFactory(embedded));
        }

        var s3 = Services.S3("profile-" + Guid.NewGuid().ToString("N")[..12]);
        var database = await TestDatabase.CreateAsync(DatabaseProviders.Postgres);
        return new ProfileApp(database, new AppFactory(database, new()
        {
            ["OpenAlgebra:Blobs:Provider"] = "s3",
            ["OpenAlgebra:Blobs:S3:ServiceUrl"] = s3.ServiceUrl,
            ["OpenAlgebra:Blobs:S3:Bucket"] = s3.Bucket,
            ["OpenAlgebra:Blobs:S3:AccessKey"] = s3.AccessKey,
            ["OpenAlgebra:Blobs:S3:SecretKey"] = s3.SecretKey,
        }));
    }

    public async ValueTask DisposeAsync()
    {
        await App.DisposeAsync();
        await Database.DisposeAsync();
    }
}
