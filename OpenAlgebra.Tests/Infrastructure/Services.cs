namespace OpenAlgebra.Tests.Infrastructure;

/// <summary>
/// Real services the tests use, found through environment variables that <c>.ci/run</c> exports. Missing ones skip
/// the test on a developer machine and fail it under CI, where they must be there.
/// </summary>
internal static class Services
{
    public const string PostgresVariable = "OPENALGEBRA_TEST_POSTGRES";
    public const string RedisVariable = "OPENALGEBRA_TEST_REDIS";

    public static string Postgres => Require(PostgresVariable, "PostgreSQL");

    public static string Redis => Require(RedisVariable, "Redis");

    private static bool UnderCi => string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    private static string Require(string variable, string service)
    {
        var value = Environment.GetEnvironmentVariable(variable);
        if (!string.IsNullOrWhiteSpace(value))
        {
            return value;
        }

        var message = $"{service} is not configured: set {variable} (.ci/run does).";
        if (UnderCi)
        {
            Assert.Fail(message);
        }

        Assert.Skip(message);
        return "";
    }
}
