using CareDesk.Features.Accounts;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Logging.Console;
using Microsoft.Extensions.Options;

namespace CareDesk.Tests.Accounts;

public sealed class RedactingConsoleFormatterTests
{
    private sealed class Options(ConsoleFormatterOptions value) : IOptionsMonitor<ConsoleFormatterOptions>
    {
        public ConsoleFormatterOptions CurrentValue => value;

        public ConsoleFormatterOptions Get(string? name) => value;

        public IDisposable? OnChange(Action<ConsoleFormatterOptions, string?> listener) => null;
    }

    [Fact]
    public void Write_MessageAndExceptionWithIdAndIban_MaskedOnOneLine()
    {
        var formatter = new RedactingConsoleFormatter(new Options(new ConsoleFormatterOptions()));
        var writer = new StringWriter();
        var entry = new LogEntry<string>(LogLevel.Warning, "CareDesk.Tickets", new EventId(7), "caller 1023456789 IBAN SA0380000000608010167519",
            new InvalidOperationException("lookup of 2987654321 failed"), (s, e) => s);

        formatter.Write(entry, null, writer);

        var line = writer.ToString();
        Assert.DoesNotContain("1023456789", line);
        Assert.DoesNotContain("SA0380000000608010167519", line);
        Assert.DoesNotContain("2987654321", line);
        Assert.Contains("warn: CareDesk.Tickets[7] caller 1••••••789 IBAN SA••••••••••••••••••7519", line);
        Assert.Single(line.TrimEnd().Split('\n'));
    }
}
