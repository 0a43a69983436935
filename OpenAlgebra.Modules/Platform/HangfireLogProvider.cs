using Microsoft.Extensions.Logging;
using HangfireLevel = Hangfire.Logging.LogLevel;

namespace OpenAlgebra.Modules.Platform;

/// <summary>
/// Hangfire's loggers, on this host's logger factory. Hangfire keeps its log provider in a process-wide global that
/// the host configured last owns; once that host is disposed (a test's app, a command's services) its factory throws on
/// every use, which would stop the job servers of every other host in the process. Here a disposed factory logs nothing.
/// </summary>
internal sealed class HangfireLogProvider(ILoggerFactory factory) : Hangfire.Logging.ILogProvider
{
    public Hangfire.Logging.ILog GetLogger(string name)
    {
        try
        {
            return new ForwardingLog(factory.CreateLogger(name));
        }
        catch (ObjectDisposedException)
        {
            return new ForwardingLog(null);
        }
    }

    private sealed class ForwardingLog(ILogger? logger) : Hangfire.Logging.ILog
    {
        public bool Log(HangfireLevel logLevel, Func<string>? messageFunc, Exception? exception = null)
        {
            if (logger is null)
            {
                return false;
            }

            var level = logLevel switch
            {
                HangfireLevel.Trace => LogLevel.Trace,
                HangfireLevel.Debug => LogLevel.Debug,
                HangfireLevel.Info => LogLevel.Information,
                HangfireLevel.Warn => LogLevel.Warning,
                HangfireLevel.Error => LogLevel.Error,
                _ => LogLevel.Critical,
            };
            try
            {
                if (messageFunc is null || !logger.IsEnabled(level))
                {
                    return messageFunc is null && logger.IsEnabled(level);
                }

#pragma warning disable CA1848, CA1873, CA2254 // Hangfire hands over finished messages, not templates; enabled is checked above.
                logger.Log(level, exception, messageFunc());
#pragma warning restore CA1848, CA1873, CA2254
                return true;
            }
            catch (ObjectDisposedException)
            {
                return false;
            }
        }
    }
}
