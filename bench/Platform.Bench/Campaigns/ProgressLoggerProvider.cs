using Microsoft.Extensions.Logging;

namespace Platform.Bench.Campaigns;

/// <summary>
/// Lets the silo's own progress lines (the importer's row counts, the campaign's roster and finalisation counts) and
/// every warning through to the benchmark's output: one long grain call is otherwise silent for minutes, and a
/// warning during a run (a timeout, a retried report) is part of what the run found. Orleans' information lines stay out.
/// </summary>
public sealed class ProgressLoggerProvider(TextWriter log) : ILoggerProvider
{
    /// <summary>Past this many, warnings are only counted: a storm of identical lines would bury the progress.</summary>
    private const int PrintedWarnings = 30;

    private readonly List<string> _printed = [];
    private int _warnings;

    /// <summary>Warnings and errors the silo logged during the run.</summary>
    public int Warnings => Volatile.Read(ref _warnings);

    /// <summary>The first warnings, as printed, for the report.</summary>
    public IReadOnlyList<string> FirstWarnings
    {
        get
        {
            lock (_printed)
            {
                return _printed.ToArray();
            }
        }
    }

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void Dispose()
    {
    }

    private void Write(string category, LogLevel level, string message, Exception? exception)
    {
        var name = category[(category.LastIndexOf('.') + 1)..];
        if (level < LogLevel.Warning)
        {
            log.WriteLine($"    [{name}] {message}");
            return;
        }

        var count = Interlocked.Increment(ref _warnings);
        if (count <= PrintedWarnings)
        {
            var cause = exception is null ? "" : $" ({exception.GetType().Name}: {exception.Message})";
            var line = $"{level.ToString().ToLowerInvariant()} [{category}] {message}{cause}";
            lock (_printed)
            {
                _printed.Add(line);
            }

            log.WriteLine($"    {line}");
        }
        else if (count == PrintedWarnings + 1)
        {
            log.WriteLine($"    (further silo warnings are counted, not printed)");
        }
    }

    private sealed class Logger(ProgressLoggerProvider provider, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Warning
            || (logLevel == LogLevel.Information && category.StartsWith("Platform.", StringComparison.Ordinal));

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (IsEnabled(logLevel))
            {
                provider.Write(category, logLevel, formatter(state, exception), exception);
            }
        }
    }
}
