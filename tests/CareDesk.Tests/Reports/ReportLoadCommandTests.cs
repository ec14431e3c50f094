using CareDesk.Features.Reports;
using CareDesk.Tests.Data;
using CareDesk.Testing;
using Dapper;
using Npgsql;

namespace CareDesk.Tests.Reports;

/// <summary><c>generate-load-data</c> on a small set: the stage rows it derives agree with the tickets and the history it generated.</summary>
[Collection(PostgresCollection.Name)]
public sealed class ReportLoadCommandTests(PostgresServer postgres)
{
    [Fact]
    public async Task RunAsync_SmallSet_StagesAgreeWithTicketsAndHistory()
    {
        var connection = await postgres.CreateDatabaseAsync("load");

        Assert.Equal(0, await ReportLoadCommand.RunAsync(["--tickets", "200", "--connection", connection]));

        await using var conn = new NpgsqlConnection(connection);
        await conn.OpenAsync();
        async Task<long> Count(string sql) => await conn.ExecuteScalarAsync<long>(sql);
        // Every routed and stage-advanced event started a stage; 90 % of the tickets were handed on.
        Assert.Equal(200 + 180, await Count("SELECT count(*) FROM ticket_stages"));
        Assert.Equal(await Count("SELECT count(*) FROM ticket_events WHERE kind IN ('routed', 'stage-advanced')"), await Count("SELECT count(*) FROM ticket_stages"));
        // Each ticket's current stage is its row at the ticket's hand-off, open unless the ticket is resolved.
        Assert.Equal(200, await Count("""
            SELECT count(*) FROM tickets t JOIN ticket_stages s ON s.ticket_id = t.id AND s.hand_off = t.hand_off
            WHERE s.stage = t.stage_code AND s.agency = t.owning_agency AND s.started_at = t.stage_started_at AND s.due_at = t.stage_due
              AND s.case_type = t.case_type AND s.opened_at = t.opened_at
              AND coalesce(s.ended_by, 'open') = CASE WHEN t.status = 'resolved' THEN 'resolved' ELSE 'open' END
            """));
        Assert.Equal(await Count("SELECT count(*) FROM ticket_events WHERE kind = 'escalated'"), await Count("SELECT count(*) FROM ticket_stages WHERE escalated_at IS NOT NULL"));
        Assert.Equal(await Count("SELECT count(*) FROM tickets WHERE escalated_hand_off = hand_off"),
            await Count("SELECT count(*) FROM tickets t JOIN ticket_stages s ON s.ticket_id = t.id AND s.hand_off = t.hand_off WHERE s.escalated_at IS NOT NULL"));
    }

    [Fact]
    public async Task RunAsync_RemoteHost_Refuses()
    {
        Assert.Equal(2, await ReportLoadCommand.RunAsync(["--tickets", "10", "--connection", "Host=db.example.org;Database=x;Username=y"]));
    }
}
