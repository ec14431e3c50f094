using CareDesk.Data;

namespace CareDesk.Features.Tickets;

/// <summary>Settings of the ticket engine's background work (<c>CareDesk:Tickets</c>).</summary>
public sealed class TicketOptions
{
    public const string Section = "CareDesk:Tickets";

    /// <summary>How often the escalation sweep looks for tickets past their stage deadline.</summary>
    public TimeSpan EscalationInterval { get; init; } = TimeSpan.FromMinutes(1);

    /// <summary>How often the outbox dispatcher drains pending messages (it also wakes on NOTIFY).</summary>
    public TimeSpan OutboxInterval { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Attempts before an outbox message is given up as failed.</summary>
    public int OutboxMaxAttempts { get; init; } = 8;

    /// <summary>Messages the dispatcher claims, delivers and marks in one transaction.</summary>
    public int OutboxBatchSize { get; init; } = 100;

    /// <summary>A viewer whose page sent no heartbeat for this long no longer counts as having the ticket open.</summary>
    public TimeSpan PresenceTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>How long a form's submission key and a button's action key are kept (retries after that open or apply anew).</summary>
    public TimeSpan RetryKeyRetention { get; init; } = TimeSpan.FromDays(7);

    /// <summary>How often old retry keys are deleted.</summary>
    public TimeSpan RetryKeyPurgeInterval { get; init; } = TimeSpan.FromHours(1);

    /// <summary>The e-mail sender: <c>disabled</c> (default; e-mail is not sent and not queued).</summary>
    public string EmailSender { get; init; } = "disabled";

    public static TicketOptions Read(IConfiguration configuration)
    {
        var s = configuration.GetSection(Section);
        var options = new TicketOptions
        {
            EscalationInterval = Interval(s, nameof(EscalationInterval), TimeSpan.FromMinutes(1)),
            OutboxInterval = Interval(s, nameof(OutboxInterval), TimeSpan.FromSeconds(5)),
            OutboxMaxAttempts = int.TryParse(s[nameof(OutboxMaxAttempts)], out var n) && n > 0 ? n : 8,
            OutboxBatchSize = int.TryParse(s[nameof(OutboxBatchSize)], out var b) && b is > 0 and <= 10_000 ? b : 100,
            PresenceTimeout = Interval(s, nameof(PresenceTimeout), TimeSpan.FromSeconds(30)),
            RetryKeyRetention = Interval(s, nameof(RetryKeyRetention), TimeSpan.FromDays(7)),
            RetryKeyPurgeInterval = Interval(s, nameof(RetryKeyPurgeInterval), TimeSpan.FromHours(1)),
            EmailSender = s[nameof(EmailSender)] is { Length: > 0 } e ? e : "disabled",
        };
        if (options.EmailSender != "disabled")
            throw new StartupException($"{Section}:{nameof(EmailSender)} = '{options.EmailSender}' is not a known e-mail sender (known: disabled). / مرسل البريد غير معروف.");
        return options;
    }

    private static TimeSpan Interval(IConfigurationSection s, string key, TimeSpan fallback)
    {
        if (s[key] is not { Length: > 0 } raw)
            return fallback;
        if (TimeSpan.TryParse(raw, System.Globalization.CultureInfo.InvariantCulture, out var t) && t > TimeSpan.Zero)
            return t;
        throw new StartupException($"{Section}:{key} = '{raw}' is not a positive time span (e.g. 00:01:00). / قيمة المدة غير صالحة.");
    }
}
