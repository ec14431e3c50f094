using System.Text.Json;
using CareDesk.Features.Health;
using Npgsql;

namespace CareDesk.Features.Tickets.Live;

/// <summary>
/// The node's one listening connection: <c>LISTEN</c>s on the ticket, notification and presence
/// channels and fans each NOTIFY out to the circuits that subscribed, so a change made on any node
/// shows on every node's open pages. Subscribers are called on the listener's thread and must hop
/// to their own (a component's <c>InvokeAsync</c>). A lost connection is re-opened with backoff, and
/// <see cref="Resynced"/> tells subscribers to reload what they may have missed.
/// </summary>
public sealed class TicketSignals(NpgsqlDataSource dataSource, ILogger<TicketSignals> logger) : BackgroundService
{
    /// <summary>A ticket was created or changed.</summary>
    public event Action<TicketSignal>? TicketChanged;

    /// <summary>Someone opened or closed a ticket's page (the ticket id).</summary>
    public event Action<long>? PresenceChanged;

    /// <summary>An in-app notification arrived for an audience (<c>user:…</c>, <c>role:…</c>, <c>agency:…</c>).</summary>
    public event Action<string>? NotificationAdded;

    /// <summary>Messages were queued in the outbox.</summary>
    public event Action? OutboxPending;

    /// <summary>The listener (re)connected: anything may have been missed meanwhile, so reload.</summary>
    public event Action? Resynced;

    /// <summary>True while the listening connection is up.</summary>
    public bool IsListening { get; private set; }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var delay = ListenerBackoff.First;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using var conn = await dataSource.OpenConnectionAsync(stoppingToken);
                conn.Notification += OnNotification;
                await using (var cmd = new NpgsqlCommand(
                    $"LISTEN {TicketWrites.TicketsChannel}; LISTEN {TicketWrites.NotificationsChannel}; LISTEN {TicketWrites.PresenceChannel};", conn))
                    await cmd.ExecuteNonQueryAsync(stoppingToken);
                IsListening = true;
                delay = ListenerBackoff.First;
                Raise(Resynced);
                Raise(OutboxPending);
                while (!stoppingToken.IsCancellationRequested)
                    await conn.WaitAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                logger.LogWarning("Ticket listener connection lost ({Error}); reconnecting in {Delay}", DatabaseFailure.Describe(ex), delay);
            }
            finally
            {
                IsListening = false;
            }
            if (!await ListenerBackoff.WaitAsync(delay, stoppingToken))
                return;
            delay = ListenerBackoff.Next(delay);
        }
    }

    private void OnNotification(object sender, NpgsqlNotificationEventArgs e)
    {
        try
        {
            switch (e.Channel)
            {
                case TicketWrites.TicketsChannel:
                    if (JsonSerializer.Deserialize<TicketSignal>(e.Payload, TicketRows.Json) is { } signal)
                        Fan(TicketChanged, signal);
                    break;
                case TicketWrites.PresenceChannel:
                    if (long.TryParse(e.Payload, out var ticketId))
                        Fan(PresenceChanged, ticketId);
                    break;
                case TicketWrites.NotificationsChannel:
                    if (e.Payload == "outbox")
                        Raise(OutboxPending);
                    else
                        Fan(NotificationAdded, e.Payload);
                    break;
            }
        }
        catch (JsonException ex)
        {
            logger.LogWarning(ex, "Ignored a malformed notification on {Channel}", e.Channel);
        }
    }

    private void Fan<T>(Action<T>? handlers, T value)
    {
        if (handlers is null)
            return;
        foreach (var h in handlers.GetInvocationList().Cast<Action<T>>())
        {
            try
            {
                h(value);
            }
            catch (Exception ex)
            {
                logger.LogWarning(ex, "A ticket signal subscriber failed");
            }
        }
    }

    private void Raise(Action? handlers)
    {
        if (handlers is null)
            return;
        foreach (var h in handlers.GetInvocationList().Cast<Action>())
        {
            try
            {
                h();
            }
            catch (Exception ex)
            {
                logger.LogWarning(ex, "A ticket signal subscriber failed");
            }
        }
    }
}
