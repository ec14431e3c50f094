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
}
