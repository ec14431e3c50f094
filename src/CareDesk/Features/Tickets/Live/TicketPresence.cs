using Dapper;
using Npgsql;

namespace CareDesk.Features.Tickets.Live;

public sealed record TicketViewer(string SessionId, string Username, string DisplayName);

/// <summary>
/// Who has a ticket open right now, across nodes: each open ticket page keeps a row alive with
/// heartbeats (the database clock decides staleness) and announces arriving and leaving with NOTIFY.
/// </summary>
public sealed class TicketPresence(NpgsqlDataSource dataSource, TicketOptions options)
{
    public async Task JoinAsync(long ticketId, string sessionId, TicketActor actor, CancellationToken ct = default)
    {
        await using var conn = await dataSource.OpenConnectionAsync(ct);
        var isNew = await conn.ExecuteScalarAsync<bool>(new CommandDefinition("""
            INSERT INTO ticket_viewers (ticket_id, session_id, username, display_name, last_seen)
            VALUES (@TicketId, @SessionId, @Username, @DisplayName, now())
            ON CONFLICT (ticket_id, session_id) DO UPDATE SET last_seen = now()
            RETURNING (xmax = 0)
            """, new { TicketId = ticketId, SessionId = sessionId, actor.Username, actor.DisplayName }, cancellationToken: ct));
        if (isNew)
            await TicketWrites.NotifyAsync(conn, null, TicketWrites.PresenceChannel, ticketId.ToString(System.Globalization.CultureInfo.InvariantCulture), ct);
    }

    public async Task LeaveAsync(long ticketId, string sessionId, CancellationToken ct = default)
    {
        await using var conn = await dataSource.OpenConnectionAsync(ct);
        var removed = await conn.ExecuteAsync(new CommandDefinition("""
            DELETE FROM ticket_viewers WHERE ticket_id = @TicketId AND session_id = @SessionId
            """, new { TicketId = ticketId, SessionId = sessionId }, cancellationToken: ct));
        if (removed > 0)
            await TicketWrites.NotifyAsync(conn, null, TicketWrites.PresenceChannel, ticketId.ToString(System.Globalization.CultureInfo.InvariantCulture), ct);
    }

    /// <summary>The viewers seen within the presence timeout, one entry per page.</summary>
    public async Task<IReadOnlyList<TicketViewer>> ViewersAsync(long ticketId, CancellationToken ct = default)
    {
        await using var conn = await dataSource.OpenConnectionAsync(ct);
        var rows = await conn.QueryAsync<TicketViewer>(new CommandDefinition("""
            SELECT session_id AS SessionId, username AS Username, display_name AS DisplayName
            FROM ticket_viewers
            WHERE ticket_id = @TicketId AND last_seen > now() - @Timeout
            ORDER BY last_seen DESC
            """, new { TicketId = ticketId, Timeout = options.PresenceTimeout }, cancellationToken: ct));
        return rows.ToList();
    }
}
