using Hangfire.AspNetCore;
using Hangfire.Logging;
using Microsoft.Extensions.Logging;

namespace OpenAlgebra.Modules.Platform;

/// <summary>
/// Hangfire's logging through a container's <see cref="ILoggerFactory"/>. Hangfire holds its log provider in a static
/// that the last container configured wins, so with several hosts in one process (the tests, <c>bench ingest</c>) a
/// job client of one may ask a host already disposed for a logger: it then gets one that logs nothing, where Hangfire's
/// own provider throws <see cref="ObjectDisposedException"/> into whatever was being enqueued.
/// </summary>
internal sealed class HangfireLogProvider(ILoggerFactory factory) : ILogProvider
{
    private readonly AspNetCoreLogProvider _inner = new(factory);

    public ILog GetLogger(string name)
    {
        try
        {
            return _inner.GetLogger(name);
        }
        catch (ObjectDisposedException)
        {
            return Silent.Instance;
        }
    }

    private sealed class Silent : ILog
    {
        public static readonly Silent Instance = new();

        public bool Log(Hangfire.Logging.LogLevel logLevel, Func<string>? messageFunc, Exception? exception = null) => false;
    }
}
