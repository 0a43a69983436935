using System.Data.Common;

namespace OpenAlgebra.Modules.Platform.Sql;

/// <summary>The metadata database, whichever provider is configured. Modules write one SQL text for both.</summary>
public interface ISqlDatabase
{
    ISqlDialect Dialect { get; }

    Task<DbConnection> OpenAsync(CancellationToken cancellationToken = default);
}

/// <summary>The few places where SQLite and PostgreSQL need different words.</summary>
public interface ISqlDialect
{
    /// <summary><c>sqlite</c> or <c>postgres</c>.</summary>
    string Provider { get; }

    /// <summary>
    /// Appended to a SELECT that must lock its rows until commit. Empty on SQLite, whose write transactions
    /// (BEGIN IMMEDIATE) already hold the whole database.
    /// </summary>
    string ForUpdate { get; }

    /// <summary>Binary column type for DDL.</summary>
    string BlobType { get; }
}
