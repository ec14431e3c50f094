using Dapper;
using Npgsql;

namespace CareDesk.Features.Tickets;

/// <summary>A message for the outbox: <c>in-app</c> to an audience (<c>user:</c>, <c>role:</c>, <c>agency:</c>) or <c>email</c> to an address.</summary>
public sealed record OutboxMessage(string Channel, string Audience, long? TicketId, NotificationPayload Payload);

/// <summary>What a notification says, in both languages.</summary>
public sealed record NotificationPayload(string Kind, string? Number, string TextAr, string TextEn);

/// <summary>The writes every ticket change shares: the event with its stage row, the outbox rows and the NOTIFY, all inside the caller's transaction.</summary>
internal static class TicketWrites
{
    public const string TicketsChannel = "caredesk_tickets";
    public const string NotificationsChannel = "caredesk_notifications";
    public const string PresenceChannel = "caredesk_presence";

    /// <summary>
    /// Appends the event and keeps <c>ticket_stages</c> in step with it (<see cref="TicketStages"/>):
    /// <paramref name="before"/> is the ticket as it was (its stage is the one a hand-off, reroute or
    /// resolution ends), <paramref name="ticket"/> as it is now.
    /// </summary>
    public static async Task AppendEventAsync(NpgsqlConnection conn, NpgsqlTransaction tx, Ticket? before, Ticket ticket, string kind, TicketActor actor, object data, DateTimeOffset now, CancellationToken ct)
    {
        await conn.ExecuteAsync(new CommandDefinition("""
            INSERT INTO ticket_events (ticket_id, version, kind, actor, actor_name, agency, at, data)
            VALUES (@TicketId, @Version, @Kind, @Actor, @ActorName, @Agency, @At, @Data::jsonb)
            """, new
        {
            TicketId = ticket.Id,
            ticket.Version,
            Kind = kind,
            Actor = actor.Username,
            ActorName = actor.DisplayName,
            Agency = ticket.OwningAgency,
            At = now.UtcDateTime,
            Data = TicketRows.ToJson(data),
        }, tx, cancellationToken: ct));
        await TicketStages.RecordAsync(conn, tx, before, ticket, kind, now, ct);
    }

    public static async Task EnqueueAsync(NpgsqlConnection conn, NpgsqlTransaction tx, IEnumerable<OutboxMessage> messages, DateTimeOffset now, CancellationToken ct)
    {
        var any = false;
        foreach (var m in messages)
        {
            any = true;
            await conn.ExecuteAsync(new CommandDefinition("""
                INSERT INTO outbox (channel, audience, ticket_id, payload, created_at, next_attempt_at)
                VALUES (@Channel, @Audience, @TicketId, @Payload::jsonb, @Now, @Now)
                """, new { m.Channel, m.Audience, m.TicketId, Payload = TicketRows.ToJson(m.Payload), Now = now.UtcDateTime }, tx, cancellationToken: ct));
        }
        if (any)
            await NotifyAsync(conn, tx, NotificationsChannel, "outbox", ct);
    }

    /// <summary>Tells every node (on commit) that a ticket changed, so inboxes and open pages refresh.</summary>
    public static Task SignalAsync(NpgsqlConnection conn, NpgsqlTransaction tx, Ticket ticket, string kind, string? previousAgency, CancellationToken ct) =>
        NotifyAsync(conn, tx, TicketsChannel, TicketRows.ToJson(new TicketSignal(ticket.Id, ticket.Number, ticket.OwningAgency, previousAgency, kind, ticket.Version)), ct);

    public static Task NotifyAsync(NpgsqlConnection conn, NpgsqlTransaction? tx, string channel, string payload, CancellationToken ct) =>
        conn.ExecuteAsync(new CommandDefinition("SELECT pg_notify(@Channel, @Payload)", new { Channel = channel, Payload = payload }, tx, cancellationToken: ct));
}

/// <summary>A ticket change as announced on <c>caredesk_tickets</c>.</summary>
public sealed record TicketSignal(long Id, string Number, string Agency, string? PreviousAgency, string Kind, int Version);
