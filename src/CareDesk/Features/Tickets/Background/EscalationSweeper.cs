using CareDesk.Features.Accounts;
using Dapper;
using Npgsql;

namespace CareDesk.Features.Tickets.Background;

/// <summary>
/// Escalates tickets past their stage deadline, once per hand-off: an event, an in-app notice to the
/// owning agency's liaisons (the backup among them) and the supervisors, and an e-mail to the backup
/// liaison when e-mail is on. Rows are taken with <c>FOR UPDATE SKIP LOCKED</c> and marked in the
/// same transaction, so several nodes sweeping at once escalate each ticket exactly once.
/// </summary>
public sealed class EscalationSweeper(
    NpgsqlDataSource dataSource,
    JourneyRouter router,
    IEmailSender email,
    TicketOptions options,
    TimeProvider time,
    ILogger<EscalationSweeper> logger) : CareDesk.Features.Health.PeriodicJob(logger)
{
    public static readonly TicketActor System = new("system", "CareDesk", Roles.Supervisor, null);

    private const int Batch = 100;

    protected override TimeSpan Interval => options.EscalationInterval;

    protected override string Name => "Escalation sweep";

    protected override async Task RunOnceAsync(CancellationToken ct)
    {
        var escalated = await SweepOnceAsync(ct);
        if (escalated > 0)
            logger.LogInformation("Escalated {Count} overdue ticket(s)", escalated);
    }

    /// <summary>One sweep: escalates every overdue ticket not escalated at its current hand-off; returns how many.</summary>
    public async Task<int> SweepOnceAsync(CancellationToken ct)
    {
        var total = 0;
        while (true)
        {
            var now = time.GetUtcNow();
            await using var conn = await dataSource.OpenConnectionAsync(ct);
            await using var tx = await conn.BeginTransactionAsync(ct);
            var rows = (await conn.QueryAsync<TicketRows.Row>(new CommandDefinition($"""
                SELECT {TicketRows.Columns} FROM tickets
                WHERE status <> 'resolved' AND stage_due < @Now AND escalated_hand_off IS DISTINCT FROM hand_off
                ORDER BY stage_due, id
                LIMIT {Batch}
                FOR UPDATE SKIP LOCKED
                """, new { Now = now.UtcDateTime }, tx, cancellationToken: ct))).ToList();
            foreach (var row in rows)
                await EscalateAsync(conn, tx, row.ToTicket(), now, ct);
            await tx.CommitAsync(ct);
            total += rows.Count;
            if (rows.Count < Batch)
                return total;
        }
    }

    private async Task EscalateAsync(NpgsqlConnection conn, NpgsqlTransaction tx, Ticket t, DateTimeOffset now, CancellationToken ct)
    {
        var next = t with { EscalatedHandOff = t.HandOff, Version = t.Version + 1, UpdatedAt = now };
        await conn.ExecuteAsync(new CommandDefinition("""
            UPDATE tickets SET escalated_hand_off = hand_off, version = version + 1, updated_at = @Now WHERE id = @Id
            """, new { t.Id, Now = now.UtcDateTime }, tx, cancellationToken: ct));
        var backup = router.PoolOf(t.OwningAgency).FirstOrDefault(l => l.Rank == CareDesk.Knowledge.Reference.LiaisonRank.Backup);
        await TicketWrites.AppendEventAsync(conn, tx, t, next, TicketEventKind.Escalated, System,
            new { stage = t.StageCode, stage_due = t.StageDue, hand_off = t.HandOff, backup = backup?.NameEn }, now, ct);
        // Notices are read by people: the stage and agency by name in each language, the code only if unknown.
        var stage = router.FindStage(t.CaseType, t.StageCode);
        var agency = router.FindAgency(t.OwningAgency);
        var payload = new NotificationPayload("escalated", t.Number,
            $"تجاوزت التذكرة {t.Number} مهلة مرحلة «{stage?.NameAr ?? t.StageCode}» لدى {agency?.NameAr ?? t.OwningAgency}",
            $"Ticket {t.Number} is past its \"{stage?.NameEn ?? t.StageCode}\" deadline at {agency?.NameEn ?? t.OwningAgency}");
        var messages = new List<OutboxMessage>
        {
            new("in-app", "agency:" + t.OwningAgency, t.Id, payload),
            new("in-app", "role:" + Roles.Supervisor, t.Id, payload),
        };
        if (email.IsEnabled && backup is not null)
            messages.Add(new OutboxMessage("email", backup.Email, t.Id, payload));
        await TicketWrites.EnqueueAsync(conn, tx, messages, now, ct);
        await TicketWrites.SignalAsync(conn, tx, next, TicketEventKind.Escalated, null, ct);
    }
}
