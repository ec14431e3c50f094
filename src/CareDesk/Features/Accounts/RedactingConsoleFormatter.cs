using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Logging.Console;
using Microsoft.Extensions.Options;

namespace CareDesk.Features.Accounts;

/// <summary>
/// The console log format (one line per entry), with every national ID, iqama and IBAN in the message
/// or exception masked on the way out, whatever code wrote it. Passwords are never logged at all.
/// </summary>
public sealed class RedactingConsoleFormatter(IOptionsMonitor<ConsoleFormatterOptions> options) : ConsoleFormatter(Name)
{
    public new const string Name = "caredesk";

    public override void Write<TState>(in LogEntry<TState> logEntry, IExternalScopeProvider? scopeProvider, TextWriter textWriter)
    {
        var message = logEntry.Formatter(logEntry.State, logEntry.Exception);
        if (string.IsNullOrEmpty(message) && logEntry.Exception is null)
            return;
        var o = options.CurrentValue;
        var time = o.TimestampFormat is { } f ? (o.UseUtcTimestamp ? DateTime.UtcNow : DateTime.Now).ToString(f) + " " : "";
        var line = $"{time}{Level(logEntry.LogLevel)}: {logEntry.Category}[{logEntry.EventId.Id}] {message}";
        if (logEntry.Exception is not null)
            line += " " + logEntry.Exception;
        textWriter.WriteLine(PersonalData.Redact(line.ReplaceLineEndings(" ")));
    }

    private static string Level(LogLevel level) => level switch
    {
        LogLevel.Trace => "trce",
        LogLevel.Debug => "dbug",
        LogLevel.Information => "info",
        LogLevel.Warning => "warn",
        LogLevel.Error => "fail",
        LogLevel.Critical => "crit",
        _ => "none",
    };
}
