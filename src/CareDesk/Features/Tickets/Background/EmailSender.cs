namespace CareDesk.Features.Tickets.Background;

public sealed record EmailMessage(string To, string Subject, string Body);

/// <summary>Delivers e-mail for the outbox. Chosen by <c>CareDesk:Tickets:EmailSender</c>.</summary>
public interface IEmailSender
{
    /// <summary>False when e-mail is off: nothing is queued for it and nothing claims to be sent.</summary>
    bool IsEnabled { get; }

    Task SendAsync(EmailMessage message, CancellationToken ct);
}

/// <summary>The default: e-mail is off. It never reports a message as sent.</summary>
public sealed class DisabledEmailSender : IEmailSender
{
    public bool IsEnabled => false;

    public Task SendAsync(EmailMessage message, CancellationToken ct) =>
        throw new InvalidOperationException("e-mail delivery is disabled (CareDesk:Tickets:EmailSender = disabled)");
}
