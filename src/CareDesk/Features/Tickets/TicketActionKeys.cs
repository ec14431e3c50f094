using Dapper;
using Npgsql;

namespace CareDesk.Features.Tickets;

/// <summary>
/// The server's half of the ticket page's action keys (<c>ticket_actions</c>). A change made with a key
/// records the key in its own transaction; a later call with that key finds the change instead of making
/// it again. Only the user who made the change may reuse its key, on the same ticket, for the same kind of change.
/// </summary>
internal static class TicketActionKeys
{
    public sealed record Applied(long TicketId, string Kind, string Actor)
    {
        public bool IsFor(long ticketId, string kind, TicketActor actor) => TicketId == ticketId && Kind == kind && Actor == actor.Username;
    }

    public static Task<Applied?> FindAsync(NpgsqlConnection conn, Guid key, CancellationToken ct) =>
        conn.QuerySingleOrDefaultAsync<Applied>(new CommandDefinition("""
            SELECT ticket_id AS TicketId, kind AS Kind, actor AS Actor FROM ticket_actions WHERE action_key = @Key
            """, new { Key = key }, cancellationToken: ct));

    /// <summary>Records the key of a change, inside the change's transaction; a key already taken fails with <see cref="IsTaken"/>.</summary>
    public static Task RecordAsync(NpgsqlConnection conn, NpgsqlTransaction tx, Guid key, Ticket changed, string kind, TicketActor actor, DateTimeOffset now, CancellationToken ct) =>
        conn.ExecuteAsync(new CommandDefinition("""
            INSERT INTO ticket_actions (action_key, ticket_id, version, kind, actor, created_at) VALUES (@Key, @Id, @Version, @Kind, @Actor, @Now)
            """, new { Key = key, changed.Id, changed.Version, Kind = kind, Actor = actor.Username, Now = now.UtcDateTime }, tx, cancellationToken: ct));

    public static bool IsTaken(PostgresException ex) =>
        ex.SqlState == PostgresErrorCodes.UniqueViolation && ex.ConstraintName == "ticket_actions_pkey";
}
