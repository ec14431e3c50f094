using CareDesk.Features.Accounts;
using CareDesk.Knowledge.Calendar;
using Dapper;
using Npgsql;

namespace CareDesk.Features.Tickets;

/// <summary>
/// Every change to a ticket. Each command is one transaction: the row update guarded by the version
/// the caller read (<c>WHERE id = @Id AND version = @Expected</c>) and the caller's scope, the event
/// with its stage row (<see cref="TicketStages"/>), the outbox messages, the call-back and the NOTIFY. A stale version writes nothing and returns
/// <see cref="TicketResult.ConcurrencyConflict"/>. A change may carry an action key (the ticket page makes one per pending action and
/// keeps it across retries): the key is written in the same transaction (<see cref="TicketActionKeys"/>), and a call whose key already
/// made its change writes nothing and returns <see cref="TicketResult.AlreadySaved"/>, so a retry after a lost answer or a double click
/// applies the change once. The HTTP API and the demo pass no key.
/// </summary>
public sealed class TicketCommands(NpgsqlDataSource dataSource, JourneyRouter router, TicketFormValidator validator, TimeProvider time)
{
    private sealed record Change(Ticket Next, object Data, IReadOnlyList<OutboxMessage> Outbox, CallbackAction Callback = CallbackAction.None);

    private enum CallbackAction { None, Create, Close }

    public Task<TicketResult> OpenAsync(OpenTicket form, TicketActor actor, CancellationToken ct = default) =>
        OpenAsync(form, actor, null, ct);

    /// <summary>
    /// Opens a ticket and runs <paramref name="alsoInTransaction"/> in the same transaction before it
    /// commits (the HTTP API records its idempotency key there: if that write fails, no ticket exists).
    /// </summary>
    public async Task<TicketResult> OpenAsync(OpenTicket form, TicketActor actor,
        Func<NpgsqlConnection, NpgsqlTransaction, Ticket, CancellationToken, Task>? alsoInTransaction, CancellationToken ct = default)
    {
        if (actor.Role is not (Roles.Agent or Roles.Supervisor))
            return new TicketResult.Invalid("tickets.error.not-allowed");
        if (validator.Validate(form).Count > 0)
            return new TicketResult.Invalid("tickets.error.form");
        var type = router.FindCaseType(form.CaseType)!;
        var now = time.GetUtcNow();
        var route = router.Enter(type, 0, now);

        await using var conn = await dataSource.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        var row = await conn.QuerySingleAsync<TicketRows.Row>(new CommandDefinition($"""
            INSERT INTO tickets (number, caller_national_id, caller_phone, case_type, stage_index, stage_code, owning_agency,
                                 status, opened_by, opened_at, stage_started_at, stage_due, journey_due, details, updated_at)
            VALUES ('CD-' || to_char(@Now AT TIME ZONE 'Asia/Riyadh', 'YYYY') || '-' || lpad(nextval('ticket_number_seq')::text, 6, '0'),
                    @CallerNationalId, @CallerPhone, @CaseType, 0, @StageCode, @Agency,
                    'open', @OpenedBy, @Now, @Now, @StageDue, @JourneyDue, @Details::jsonb, @Now)
            RETURNING {TicketRows.Columns}
            """, new
        {
            Now = now.UtcDateTime,
            CallerNationalId = TicketFormValidator.NormalizeId(form.CallerNationalId),
            CallerPhone = string.IsNullOrWhiteSpace(form.CallerPhone) ? null : form.CallerPhone.Trim(),
            CaseType = type.Code,
            StageCode = route.Stage.Code,
            route.Agency,
            OpenedBy = actor.Username,
            StageDue = route.StageDue.UtcDateTime,
            JourneyDue = route.JourneyDue.UtcDateTime,
            Details = TicketRows.ToJson(TicketFormValidator.Clean(type, form.Details)),
        }, tx, cancellationToken: ct));
        var ticket = row.ToTicket();
        await TicketWrites.AppendEventAsync(conn, tx, null, ticket, TicketEventKind.Created, actor, new { case_type = type.Code, details = ticket.Details }, now, ct);
        await TicketWrites.AppendEventAsync(conn, tx, null, ticket, TicketEventKind.Routed, actor, RouteData(route), now, ct);
        await TicketWrites.EnqueueAsync(conn, tx, [ToAgency(route.Agency, ticket, "ticket-new",
            $"تذكرة جديدة {ticket.Number} لجهتكم", $"New ticket {ticket.Number} for your agency")], now, ct);
        await TicketWrites.SignalAsync(conn, tx, ticket, TicketEventKind.Created, null, ct);
        if (alsoInTransaction is not null)
            await alsoInTransaction(conn, tx, ticket, ct);
        await tx.CommitAsync(ct);
        return new TicketResult.Ok(ticket);
    }

    public Task<TicketResult> ClaimAsync(long id, int expectedVersion, TicketActor actor, Guid? actionKey = null, CancellationToken ct = default) =>
        ChangeAsync(new(id, expectedVersion, actor, TicketEventKind.Claimed, actionKey), worker: true, (t, _) => t.IsResolved ? Fail("tickets.error.resolved")
            : t.Assignee == actor.Username ? Fail("tickets.error.already-yours")
            : new Change(t with { Assignee = actor.Username, Status = TicketStatus.Claimed }, new { previous = t.Assignee }, []), ct);

    /// <summary>An internal note. A note from the agent who opened a ticket waiting for information answers the request.</summary>
    public Task<TicketResult> AddNoteAsync(long id, int expectedVersion, TicketActor actor, string text, Guid? actionKey = null, CancellationToken ct = default) =>
        ChangeAsync(new(id, expectedVersion, actor, TicketEventKind.Note, actionKey), worker: false, (t, _) =>
        {
            if (Blank(text, 4000) is { } problem)
                return Fail(problem);
            var answersRequest = t.Status == TicketStatus.AwaitingInfo && actor.Role is Roles.Agent or Roles.Supervisor;
            var next = answersRequest ? t with { Status = t.Assignee is null ? TicketStatus.Open : TicketStatus.Claimed } : t;
            IReadOnlyList<OutboxMessage> outbox = answersRequest
                ? [ToAgency(t.OwningAgency, t, "info-provided", $"وصلت المعلومات المطلوبة للتذكرة {t.Number}", $"The requested information arrived for {t.Number}")]
                : [];
            return new Change(next, new { text = text.Trim(), answers_request = answersRequest }, outbox);
        }, ct);

    public Task<TicketResult> RequestInfoAsync(long id, int expectedVersion, TicketActor actor, string question, Guid? actionKey = null, CancellationToken ct = default) =>
        ChangeAsync(new(id, expectedVersion, actor, TicketEventKind.InfoRequested, actionKey), worker: true, (t, _) =>
            t.IsResolved ? Fail("tickets.error.resolved")
            : Blank(question, 2000) is { } problem ? Fail(problem)
            : new Change(t with { Status = TicketStatus.AwaitingInfo }, new { question = question.Trim() },
                [ToUser(t.OpenedBy, t, "info-requested", $"مطلوب معلومات إضافية للتذكرة {t.Number}", $"More information is requested for {t.Number}")]), ct);

    public Task<TicketResult> AddVerificationAsync(long id, int expectedVersion, TicketActor actor, VerificationData data, Guid? actionKey = null, CancellationToken ct = default) =>
        ChangeAsync(new(id, expectedVersion, actor, TicketEventKind.VerificationAdded, actionKey), worker: true, (t, now) =>
        {
            if (data.IsEmpty)
                return Fail("tickets.error.verification-empty");
            if (data.PaymentAt > now || data.CancelledAt > now)
                return Fail("tickets.error.future");
            if (data.Channel is { Length: > 100 })
                return Fail("tickets.error.too-long");
            return new Change(t with { Verification = t.Verification.Merge(data) }, data, []);
        }, ct);

    /// <summary>A reply to the caller in the unified wording of a response template, filled for this ticket.</summary>
    public Task<TicketResult> ReplyAsync(long id, int expectedVersion, TicketActor actor, string templateCode, string? note, Guid? actionKey = null, CancellationToken ct = default) =>
        ChangeAsync(new(id, expectedVersion, actor, TicketEventKind.Reply, actionKey), worker: true, (t, _) =>
        {
            var template = router.Reference.FindTemplate(templateCode);
            if (template is null)
                return Fail("tickets.error.template");
            var agency = router.FindAgency(t.OwningAgency);
            string Fill(string lang) => template.Render(lang, new Dictionary<string, string>
            {
                ["ticket_number"] = t.Number,
                ["due_date"] = lang == "ar" ? SaudiDateFormatter.FormatAr(t.JourneyDue) : SaudiDateFormatter.FormatEn(t.JourneyDue),
                ["agency_name"] = lang == "ar" ? agency?.NameAr ?? t.OwningAgency : agency?.NameEn ?? t.OwningAgency,
                ["resolution_note"] = note?.Trim() ?? "",
                ["missing_fields"] = note?.Trim() ?? "",
                ["reason"] = note?.Trim() ?? "",
            });
            return new Change(t, new { template = template.Code, text_ar = Fill("ar"), text_en = Fill("en") }, []);
        }, ct);

    /// <summary>Hands the ticket to the next stage of its journey, owned by that stage's agency, with a new deadline.</summary>
    public Task<TicketResult> AdvanceAsync(long id, int expectedVersion, TicketActor actor, Guid? actionKey = null, CancellationToken ct = default) =>
        ChangeAsync(new(id, expectedVersion, actor, TicketEventKind.StageAdvanced, actionKey), worker: true, (t, now) =>
        {
            if (t.IsResolved)
                return Fail("tickets.error.resolved");
            var type = router.FindCaseType(t.CaseType);
            if (type is null || t.StageIndex + 1 >= type.Journey.Count)
                return Fail("tickets.error.last-stage");
            var route = router.Enter(type, t.StageIndex + 1, now);
            return new Change(Moved(t, route, now),
                new { from_stage = t.StageCode, from_agency = t.OwningAgency, route = RouteData(route) },
                [ToAgency(route.Agency, t, "ticket-handed", $"سُلّمت التذكرة {t.Number} إلى جهتكم", $"Ticket {t.Number} was handed to your agency")]);
        }, ct);

    /// <summary>Moves the ticket to another agency at the same stage; needs a reason, which everyone involved sees.</summary>
    public Task<TicketResult> RerouteAsync(long id, int expectedVersion, TicketActor actor, string agency, string reason, Guid? actionKey = null, CancellationToken ct = default) =>
        ChangeAsync(new(id, expectedVersion, actor, TicketEventKind.Rerouted, actionKey), worker: true, (t, now) =>
        {
            if (t.IsResolved)
                return Fail("tickets.error.resolved");
            if (Blank(reason, 2000) is { } problem)
                return Fail(problem == "tickets.error.required" ? "tickets.error.reason" : problem);
            if (router.RoutableAgencies.All(a => a.Code != agency) || agency == t.OwningAgency)
                return Fail("tickets.error.agency");
            var type = router.FindCaseType(t.CaseType);
            if (type is null)
                return Fail("tickets.error.case-type");
            var route = router.Enter(type, t.StageIndex, now, agency);
            var text = (Ar: $"حُوّلت التذكرة {t.Number} من {t.OwningAgency} إلى {agency}: {reason.Trim()}", En: $"Ticket {t.Number} was rerouted from {t.OwningAgency} to {agency}: {reason.Trim()}");
            return new Change(Moved(t, route, now),
                new { from_agency = t.OwningAgency, reason = reason.Trim(), route = RouteData(route) },
                [ToAgency(agency, t, "ticket-rerouted", text.Ar, text.En), ToAgency(t.OwningAgency, t, "ticket-rerouted", text.Ar, text.En),
                 ToUser(t.OpenedBy, t, "ticket-rerouted", text.Ar, text.En)]);
        }, ct);

    /// <summary>Resolves the ticket and gives the agent who opened it a call-back task.</summary>
    public Task<TicketResult> ResolveAsync(long id, int expectedVersion, TicketActor actor, string? note, Guid? actionKey = null, CancellationToken ct = default) =>
        ChangeAsync(new(id, expectedVersion, actor, TicketEventKind.Resolved, actionKey), worker: true, (t, _) =>
            t.IsResolved ? Fail("tickets.error.resolved")
            : note is { Length: > 4000 } ? Fail("tickets.error.too-long")
            : new Change(t with { Status = TicketStatus.Resolved }, new { note = note?.Trim() ?? "" },
                [ToUser(t.OpenedBy, t, "callback", $"حُلّت التذكرة {t.Number}: اتصل بالعميل", $"Ticket {t.Number} is resolved: call the caller back")],
                CallbackAction.Create), ct);

    /// <summary>Reopens a resolved ticket at its stage with a fresh deadline; the pending call-back is withdrawn.</summary>
    public Task<TicketResult> ReopenAsync(long id, int expectedVersion, TicketActor actor, string reason, Guid? actionKey = null, CancellationToken ct = default) =>
        ChangeAsync(new(id, expectedVersion, actor, TicketEventKind.Reopened, actionKey), worker: false, (t, now) =>
        {
            if (!t.IsResolved)
                return Fail("tickets.error.not-resolved");
            if (Blank(reason, 2000) is not null)
                return Fail("tickets.error.reason");
            var type = router.FindCaseType(t.CaseType);
            if (type is null)
                return Fail("tickets.error.case-type");
            var route = router.Enter(type, t.StageIndex, now, t.OwningAgency);
            return new Change(Moved(t, route, now), new { reason = reason.Trim(), route = RouteData(route) },
                [ToAgency(t.OwningAgency, t, "ticket-reopened", $"أُعيد فتح التذكرة {t.Number}", $"Ticket {t.Number} was reopened")],
                CallbackAction.Close);
        }, ct);

    private async Task<TicketResult> ChangeAsync(Request request, bool worker, Func<Ticket, DateTimeOffset, object> decide, CancellationToken ct)
    {
        var (id, expectedVersion, actor, kind, actionKey) = request;
        if (worker && actor.Role is not (Roles.Liaison or Roles.Supervisor))
            return new TicketResult.Invalid("tickets.error.not-allowed");
        var scope = actor.Scope;
        var now = time.GetUtcNow();
        await using var conn = await dataSource.OpenConnectionAsync(ct);
        if (actionKey is { } known && await TicketActionKeys.FindAsync(conn, known, ct) is { } earlier)
            return await AlreadyAppliedAsync(conn, request, earlier, ct);
        var current = await TicketStore.GetAsync(conn, null, id, scope, ct);
        if (current is null)
            return new TicketResult.NotFound();
        if (current.Version != expectedVersion)
            return await StaleAsync(conn, request, current, ct);
        var decision = decide(current, now);
        if (decision is Failure failure)
            return new TicketResult.Invalid(failure.MessageKey);
        var change = (Change)decision;

        var next = change.Next with { Version = expectedVersion + 1, UpdatedAt = now };
        try
        {
            await using var tx = await conn.BeginTransactionAsync(ct);
            var updated = await conn.ExecuteAsync(new CommandDefinition($"""
                UPDATE tickets SET
                    stage_index = @StageIndex, stage_code = @StageCode, owning_agency = @OwningAgency, assignee = @Assignee,
                    status = @Status, hand_off = @HandOff, stage_started_at = @StageStartedAt, stage_due = @StageDue,
                    journey_due = @JourneyDue, verification = @Verification::jsonb, version = @Version, updated_at = @UpdatedAt
                WHERE id = @Id AND version = @Expected AND {TicketRows.ScopeFilter}
                """, new
            {
                next.Id, next.StageIndex, next.StageCode, next.OwningAgency, next.Assignee, next.Status, next.HandOff,
                StageStartedAt = next.StageStartedAt.UtcDateTime, StageDue = next.StageDue.UtcDateTime, JourneyDue = next.JourneyDue.UtcDateTime,
                Verification = TicketRows.ToJson(next.Verification), next.Version, UpdatedAt = now.UtcDateTime,
                Expected = expectedVersion, scope.AllAgencies, scope.Agency,
            }, tx, cancellationToken: ct));
            if (updated == 0)
            {
                await tx.RollbackAsync(ct);
                var latest = await TicketStore.GetAsync(conn, null, id, scope, ct);
                return latest is null ? new TicketResult.NotFound() : await StaleAsync(conn, request, latest, ct);
            }
            await TicketWrites.AppendEventAsync(conn, tx, current, next, kind, actor, change.Data, now, ct);
            if (actionKey is { } key)
                await TicketActionKeys.RecordAsync(conn, tx, key, next, kind, actor, now, ct);
            await TicketWrites.EnqueueAsync(conn, tx, change.Outbox, now, ct);
            if (change.Callback == CallbackAction.Create)
            {
                await conn.ExecuteAsync(new CommandDefinition("""
                    INSERT INTO ticket_callbacks (ticket_id, agent, created_at) VALUES (@Id, @Agent, @Now)
                    """, new { next.Id, Agent = next.OpenedBy, Now = now.UtcDateTime }, tx, cancellationToken: ct));
            }
            else if (change.Callback == CallbackAction.Close)
            {
                await conn.ExecuteAsync(new CommandDefinition("""
                    UPDATE ticket_callbacks SET done_at = @Now WHERE ticket_id = @Id AND done_at IS NULL
                    """, new { next.Id, Now = now.UtcDateTime }, tx, cancellationToken: ct));
            }
            await TicketWrites.SignalAsync(conn, tx, next, kind, current.OwningAgency == next.OwningAgency ? null : current.OwningAgency, ct);
            await tx.CommitAsync(ct);
        }
        catch (PostgresException ex) when (actionKey is not null && TicketActionKeys.IsTaken(ex))
        {
            // A change to another ticket under the same key committed first (it held the key until then); this one rolled back.
            var winner = await TicketActionKeys.FindAsync(conn, actionKey.Value, ct) ?? throw new InvalidOperationException("action key row vanished", ex);
            return await AlreadyAppliedAsync(conn, request, winner, ct);
        }
        return new TicketResult.Ok(next);
    }

    /// <summary>
    /// The version moved on since the caller read it: someone else's change, unless the caller's own key made
    /// it (a second click, or a retry racing its first attempt, which held the row until it committed).
    /// </summary>
    private static async Task<TicketResult> StaleAsync(NpgsqlConnection conn, Request request, Ticket latest, CancellationToken ct) =>
        request.ActionKey is { } key && await TicketActionKeys.FindAsync(conn, key, ct) is { } earlier
            ? await AlreadyAppliedAsync(conn, request, earlier, ct)
            : new TicketResult.ConcurrencyConflict(latest);

    // Nothing is written again: the caller gets the ticket as it is now, or a refusal if the key was not theirs for this change.
    // The ticket is read beyond the caller's scope: the change under this key was made within it, and may have
    // handed the ticket to another agency (advance, reroute), as the first answer's ticket would show.
    private static async Task<TicketResult> AlreadyAppliedAsync(NpgsqlConnection conn, Request request, TicketActionKeys.Applied earlier, CancellationToken ct)
    {
        if (!earlier.IsFor(request.Id, request.Kind, request.Actor))
            return new TicketResult.Invalid("tickets.error.action-key");
        var ticket = await TicketStore.GetAsync(conn, null, request.Id, new TicketScope(AllAgencies: true, Agency: null), ct);
        return ticket is null ? new TicketResult.NotFound() : new TicketResult.AlreadySaved(ticket);
    }

    /// <summary>One change as asked: the ticket, the version the caller read, who, which kind of event, and the caller's action key if any.</summary>
    private sealed record Request(long Id, int ExpectedVersion, TicketActor Actor, string Kind, Guid? ActionKey);

    private sealed record Failure(string MessageKey);

    private static object Fail(string messageKey) => new Failure(messageKey);

    private static string? Blank(string? text, int max) =>
        string.IsNullOrWhiteSpace(text) ? "tickets.error.required" : text.Length > max ? "tickets.error.too-long" : null;

    private static Ticket Moved(Ticket t, StageRoute route, DateTimeOffset now) => t with
    {
        StageIndex = route.Index,
        StageCode = route.Stage.Code,
        OwningAgency = route.Agency,
        Assignee = null,
        Status = TicketStatus.Open,
        HandOff = t.HandOff + 1,
        StageStartedAt = now,
        StageDue = route.StageDue.ToUniversalTime(),
        JourneyDue = route.JourneyDue.ToUniversalTime(),
    };

    private static object RouteData(StageRoute route) => new
    {
        stage = route.Stage.Code,
        agency = route.Agency,
        stage_due = route.StageDue,
        journey_due = route.JourneyDue,
        roles = route.Stage.Roles,
        pool = route.Pool.Select(l => new { rank = l.Rank.ToString().ToLowerInvariant(), l.NameAr, l.NameEn }),
    };

    private static OutboxMessage ToAgency(string agency, Ticket t, string kind, string ar, string en) =>
        new("in-app", "agency:" + agency, t.Id, new NotificationPayload(kind, t.Number, ar, en));

    private static OutboxMessage ToUser(string user, Ticket t, string kind, string ar, string en) =>
        new("in-app", "user:" + user, t.Id, new NotificationPayload(kind, t.Number, ar, en));
}
