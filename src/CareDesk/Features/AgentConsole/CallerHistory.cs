using CareDesk.Features.Tickets;
using Dapper;
using Npgsql;

namespace CareDesk.Features.AgentConsole;

/// <summary>A caller's tickets for the console: open ones first, then the rest, newest first, within the reader's scope.</summary>
public sealed class CallerHistory(NpgsqlDataSource dataSource)
{
    public const int Limit = 50;

    public async Task<IReadOnlyList<Ticket>> ForCallerAsync(string nationalId, TicketScope scope, CancellationToken ct = default)
    {
        await using var conn = await dataSource.OpenConnectionAsync(ct);
        var rows = await conn.QueryAsync<TicketRows.Row>(new CommandDefinition($"""
            SELECT {TicketRows.Columns} FROM tickets
            WHERE caller_national_id = @NationalId AND {TicketRows.ScopeFilter}
            ORDER BY status = 'resolved', opened_at DESC, id DESC
            LIMIT {Limit}
            """, new { NationalId = nationalId, scope.AllAgencies, scope.Agency }, cancellationToken: ct));
        return rows.Select(r => r.ToTicket()).ToList();
    }

    /// <summary>The ID number of the latest ticket opened for this phone number, within the reader's scope (the screen-pop's phone lookup).</summary>
    public async Task<string?> NationalIdForPhoneAsync(string phone, TicketScope scope, CancellationToken ct = default)
    {
        if (phone.Length > 20)
            return null;
        await using var conn = await dataSource.OpenConnectionAsync(ct);
        return await conn.QuerySingleOrDefaultAsync<string?>(new CommandDefinition($"""
            SELECT caller_national_id FROM tickets
            WHERE caller_phone = @Phone AND {TicketRows.ScopeFilter}
            ORDER BY opened_at DESC, id DESC
            LIMIT 1
            """, new { Phone = phone, scope.AllAgencies, scope.Agency }, cancellationToken: ct));
    }
}
