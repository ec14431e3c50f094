using Dapper;
using Npgsql;

namespace CareDesk.Features.Tickets;

/// <summary>
/// Opening a ticket from the console form, safe to retry. The form makes a submission key when it is
/// created and sends it with every submit until one succeeds; the key is written in the ticket's own
/// transaction (<c>ticket_submissions</c>, primary key). So a retry after the answer to a committed
/// open was lost, a double click, or two submits racing each other give one ticket: a key that
/// already opened a ticket returns <see cref="TicketResult.AlreadyOpened"/> with it, for the user who
/// opened it only; anyone else is refused and nothing is written.
/// </summary>
public sealed class TicketSubmissions(NpgsqlDataSource dataSource, TicketCommands commands)
{
    private sealed record Earlier(long TicketId, string OpenedBy);

    public async Task<TicketResult> OpenAsync(OpenTicket form, TicketActor actor, Guid submissionKey, CancellationToken ct = default)
    {
        if (await FindAsync(submissionKey, ct) is { } earlier)
            return await ReplayAsync(earlier, actor, ct);
        try
        {
            return await commands.OpenAsync(form, actor, (conn, tx, ticket, token) => conn.ExecuteAsync(new CommandDefinition("""
                INSERT INTO ticket_submissions (submission_key, ticket_id, opened_by) VALUES (@Key, @TicketId, @OpenedBy)
                """, new { Key = submissionKey, TicketId = ticket.Id, OpenedBy = actor.Username }, tx, cancellationToken: token)), ct);
        }
        catch (PostgresException ex) when (ex.SqlState == PostgresErrorCodes.UniqueViolation && ex.ConstraintName == "ticket_submissions_pkey")
        {
            // A submit with the same key committed first (it held the key until then): this one rolled back, ticket included.
            var winner = await FindAsync(submissionKey, ct) ?? throw new InvalidOperationException("submission row vanished", ex);
            return await ReplayAsync(winner, actor, ct);
        }
    }

    private async Task<TicketResult> ReplayAsync(Earlier earlier, TicketActor actor, CancellationToken ct)
    {
        if (earlier.OpenedBy != actor.Username)
            return new TicketResult.Invalid("tickets.error.submission-key");
        await using var conn = await dataSource.OpenConnectionAsync(ct);
        var ticket = await TicketStore.GetAsync(conn, null, earlier.TicketId, actor.Scope, ct);
        return ticket is null ? new TicketResult.NotFound() : new TicketResult.AlreadyOpened(ticket);
    }

    private async Task<Earlier?> FindAsync(Guid key, CancellationToken ct)
    {
        await using var conn = await dataSource.OpenConnectionAsync(ct);
        return await conn.QuerySingleOrDefaultAsync<Earlier>(new CommandDefinition("""
            SELECT ticket_id AS TicketId, opened_by AS OpenedBy FROM ticket_submissions WHERE submission_key = @Key
            """, new { Key = key }, cancellationToken: ct));
    }
}
