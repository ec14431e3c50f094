using Dapper;
using Npgsql;

namespace CareDesk.Features.Tickets;

/// <summary>
/// Reads tickets. Every method takes the caller's <see cref="TicketScope"/> and filters in SQL, so a
/// liaison never receives another agency's ticket, by number, by id or in a list.
/// </summary>
public sealed class TicketStore(NpgsqlDataSource dataSource)
{
    public async Task<Ticket?> GetAsync(long id, TicketScope scope, CancellationToken ct = default)
    {
        await using var conn = await dataSource.OpenConnectionAsync(ct);
        return await GetAsync(conn, null, id, scope, ct);
    }

    public async Task<Ticket?> GetByNumberAsync(string number, TicketScope scope, CancellationToken ct = default)
    {
        await using var conn = await dataSource.OpenConnectionAsync(ct);
        var row = await conn.QuerySingleOrDefaultAsync<TicketRows.Row>(new CommandDefinition($"""
            SELECT {TicketRows.Columns} FROM tickets
            WHERE number = @Number AND {TicketRows.ScopeFilter}
            """, new { Number = number.Trim().ToUpperInvariant(), scope.AllAgencies, scope.Agency }, cancellationToken: ct));
        return row?.ToTicket();
    }

    /// <summary>The open tickets an agency holds, the least time left first (the liaison inbox).</summary>
    public async Task<IReadOnlyList<Ticket>> InboxAsync(TicketScope scope, CancellationToken ct = default)
    {
        await using var conn = await dataSource.OpenConnectionAsync(ct);
        var rows = await conn.QueryAsync<TicketRows.Row>(new CommandDefinition($"""
            SELECT {TicketRows.Columns} FROM tickets
            WHERE status <> 'resolved' AND {TicketRows.ScopeFilter}
            ORDER BY stage_due, id
            LIMIT 500
            """, new { scope.AllAgencies, scope.Agency }, cancellationToken: ct));
        return rows.Select(r => r.ToTicket()).ToList();
    }

    /// <summary>The tickets an agent opened, newest first.</summary>
    public async Task<IReadOnlyList<Ticket>> OpenedByAsync(string username, TicketScope scope, CancellationToken ct = default)
    {
        await using var conn = await dataSource.OpenConnectionAsync(ct);
        var rows = await conn.QueryAsync<TicketRows.Row>(new CommandDefinition($"""
            SELECT {TicketRows.Columns} FROM tickets
            WHERE opened_by = @Username AND {TicketRows.ScopeFilter}
            ORDER BY opened_at DESC, id DESC
            LIMIT 200
            """, new { Username = username, scope.AllAgencies, scope.Agency }, cancellationToken: ct));
        return rows.Select(r => r.ToTicket()).ToList();
    }

    /// <summary>A ticket's history, oldest first; empty when the ticket is outside the scope.</summary>
    public async Task<IReadOnlyList<TicketEvent>> HistoryAsync(long ticketId, TicketScope scope, CancellationToken ct = default)
    {
        await using var conn = await dataSource.OpenConnectionAsync(ct);
        var rows = await conn.QueryAsync<TicketRows.EventRow>(new CommandDefinition($"""
            SELECT e.id AS Id, e.ticket_id AS TicketId, e.version AS Version, e.kind AS Kind, e.actor AS Actor,
                   e.actor_name AS ActorName, e.agency AS Agency, e.at AS At, e.data::text AS Data
            FROM ticket_events e
            JOIN tickets t ON t.id = e.ticket_id
            WHERE e.ticket_id = @TicketId AND (@AllAgencies OR t.owning_agency = @Agency)
            ORDER BY e.id
            """, new { TicketId = ticketId, scope.AllAgencies, scope.Agency }, cancellationToken: ct));
        return rows.Select(r => r.ToEvent()).ToList();
    }

    /// <summary>The open call-backs of an agent: resolved tickets whose caller is waiting to hear back.</summary>
    public async Task<IReadOnlyList<TicketCallback>> CallbacksAsync(string agent, CancellationToken ct = default)
    {
        await using var conn = await dataSource.OpenConnectionAsync(ct);
        var rows = await conn.QueryAsync<(long Id, long TicketId, string Number, string CaseType, string CallerNationalId, string? CallerPhone, DateTime CreatedAt)>(
            new CommandDefinition("""
                SELECT c.id, c.ticket_id, t.number, t.case_type, t.caller_national_id, t.caller_phone, c.created_at
                FROM ticket_callbacks c JOIN tickets t ON t.id = c.ticket_id
                WHERE c.agent = @Agent AND c.done_at IS NULL
                ORDER BY c.created_at, c.id
                """, new { Agent = agent }, cancellationToken: ct));
        return rows.Select(r => new TicketCallback(r.Id, r.TicketId, r.Number, r.CaseType, r.CallerNationalId, r.CallerPhone,
            new DateTimeOffset(DateTime.SpecifyKind(r.CreatedAt, DateTimeKind.Utc)))).ToList();
    }

    /// <summary>Marks a call-back made; only the agent it belongs to can. False when there was none open.</summary>
    public async Task<bool> CompleteCallbackAsync(long callbackId, string agent, DateTimeOffset now, CancellationToken ct = default)
    {
        await using var conn = await dataSource.OpenConnectionAsync(ct);
        return await conn.ExecuteAsync(new CommandDefinition("""
            UPDATE ticket_callbacks SET done_at = @Now WHERE id = @Id AND agent = @Agent AND done_at IS NULL
            """, new { Id = callbackId, Agent = agent, Now = now.UtcDateTime }, cancellationToken: ct)) == 1;
    }

    internal static async Task<Ticket?> GetAsync(NpgsqlConnection conn, NpgsqlTransaction? tx, long id, TicketScope scope, CancellationToken ct)
    {
        var row = await conn.QuerySingleOrDefaultAsync<TicketRows.Row>(new CommandDefinition($"""
            SELECT {TicketRows.Columns} FROM tickets
            WHERE id = @Id AND {TicketRows.ScopeFilter}
            """, new { Id = id, scope.AllAgencies, scope.Agency }, tx, cancellationToken: ct));
        return row?.ToTicket();
    }
}
