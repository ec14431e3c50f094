using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using CareDesk.Features.Tickets;
using CareDesk.Knowledge.Calendar;
using Dapper;
using Npgsql;

namespace CareDesk.Features.Api;

/// <summary>
/// <c>POST /api/tickets</c> (intake from another channel, idempotent with <c>Idempotency-Key</c>) and
/// <c>GET /api/tickets/{number}</c> (where a ticket stands, without personal data, for an IVR).
/// </summary>
public static class TicketEndpoints
{
    public const string TicketItem = "api.ticket";
    public static readonly IReadOnlyList<string> Channels = ["email", "twitter", "web-form", "ivr"];

    public sealed record IntakeRequest(string? CaseType, string? CallerNationalId, string? CallerPhone, Dictionary<string, string>? Details, string? Channel);

    public sealed record Due(DateTimeOffset At, string TextAr, string TextEn);

    public sealed record Named(string Code, string NameAr, string NameEn);

    public sealed record StatusResponse(string Number, string Status, bool Escalated, Named CaseType, string Stage, int StageIndex, Named OwningAgency,
        DateTimeOffset OpenedAt, Due StageDue, Due JourneyDue);

    private sealed record Intake(long TicketId, string RequestHash);

    public static async Task<IResult> OpenAsync(HttpContext http, TicketCommands commands, TicketFormValidator validator, JourneyRouter router,
        NpgsqlDataSource data, CancellationToken ct)
    {
        IntakeRequest? body;
        try
        {
            body = await JsonSerializer.DeserializeAsync<IntakeRequest>(http.Request.Body, ApiJson.Options, ct);
        }
        catch (JsonException)
        {
            body = null;
        }
        if (body is null)
            return ApiProblems.Result(http, StatusCodes.Status400BadRequest, "api.error.body");

        var form = new OpenTicket(body.CaseType ?? "", body.CallerNationalId ?? "", body.CallerPhone, body.Details ?? []);
        var errors = new Dictionary<string, string>(validator.Validate(form), StringComparer.Ordinal);
        if (body.Channel is null || !Channels.Contains(body.Channel))
            errors["channel"] = "api.error.channel";
        var key = http.Request.Headers["Idempotency-Key"].ToString();
        if (http.Request.Headers.ContainsKey("Idempotency-Key") && key.Trim().Length is 0 or > 200)
            errors["Idempotency-Key"] = "api.error.idempotency-key";
        if (errors.Count > 0)
            return ApiProblems.Result(http, StatusCodes.Status400BadRequest, "api.error.validation", errors);

        var integration = http.User.Identity!.Name!;
        var idempotencyKey = key.Trim().Length > 0 ? key.Trim() : null;
        var hash = RequestHash(body);
        if (idempotencyKey is not null && await FindIntakeAsync(data, integration, idempotencyKey, ct) is { } earlier)
            return await ReplayAsync(http, data, router, earlier, hash, ct);

        TicketResult result;
        try
        {
            result = await commands.OpenAsync(form, ApiActor.For(integration), async (conn, tx, ticket, token) =>
            {
                await conn.ExecuteAsync(new CommandDefinition("""
                    INSERT INTO api_intake (ticket_id, integration, channel, idempotency_key, request_hash)
                    VALUES (@TicketId, @Integration, @Channel, @Key, @Hash)
                    """, new { TicketId = ticket.Id, Integration = integration, body.Channel, Key = idempotencyKey, Hash = hash }, tx, cancellationToken: token));
                // The call's audit entry commits with the ticket (one commit), or rolls back with it.
                await ApiAudit.WriteInTransactionAsync(http, conn, tx, StatusCodes.Status201Created, ticket.Number, token);
            }, ct);
        }
        catch (PostgresException ex) when (ex.SqlState == PostgresErrorCodes.UniqueViolation && idempotencyKey is not null)
        {
            // A concurrent retry with the same key committed first: this transaction (ticket included) rolled back.
            var winner = await FindIntakeAsync(data, integration, idempotencyKey, ct)
                ?? throw new InvalidOperationException("idempotency row vanished", ex);
            return await ReplayAsync(http, data, router, winner, hash, ct);
        }
        return result switch
        {
            TicketResult.Ok ok => Created(http, router, ok.Ticket),
            TicketResult.Invalid invalid => ApiProblems.Result(http, StatusCodes.Status400BadRequest, invalid.MessageKey),
            _ => ApiProblems.Result(http, StatusCodes.Status409Conflict, "api.error.validation"),
        };
    }

    public static async Task<IResult> StatusAsync(HttpContext http, TicketStore store, JourneyRouter router, string number, CancellationToken ct)
    {
        var ticket = number.Length <= 40 ? await store.GetByNumberAsync(number, new TicketScope(true, null), ct) : null;
        if (ticket is null)
            return ApiProblems.Result(http, StatusCodes.Status404NotFound, "api.error.ticket-not-found");
        http.Items[TicketItem] = ticket.Number;
        return ApiJson.Json(ToStatus(router, ticket));
    }

    private static IResult Created(HttpContext http, JourneyRouter router, Ticket ticket)
    {
        ApiAudit.Committed(http, StatusCodes.Status201Created);
        http.Items[TicketItem] = ticket.Number;
        http.Response.Headers.Location = "/api/tickets/" + ticket.Number;
        return ApiJson.Json(ToStatus(router, ticket), StatusCodes.Status201Created);
    }

    private static async Task<IResult> ReplayAsync(HttpContext http, NpgsqlDataSource data, JourneyRouter router, Intake earlier, string hash, CancellationToken ct)
    {
        if (earlier.RequestHash != hash)
            return ApiProblems.Result(http, StatusCodes.Status422UnprocessableEntity, "api.error.idempotency-reused");
        await using var conn = await data.OpenConnectionAsync(ct);
        var ticket = (await TicketStore.GetAsync(conn, null, earlier.TicketId, new TicketScope(true, null), ct))!;
        http.Items[TicketItem] = ticket.Number;
        http.Response.Headers.Location = "/api/tickets/" + ticket.Number;
        return ApiJson.Json(ToStatus(router, ticket));
    }

    private static async Task<Intake?> FindIntakeAsync(NpgsqlDataSource data, string integration, string key, CancellationToken ct)
    {
        await using var conn = await data.OpenConnectionAsync(ct);
        return await conn.QuerySingleOrDefaultAsync<Intake>(new CommandDefinition("""
            SELECT ticket_id AS TicketId, request_hash AS RequestHash FROM api_intake WHERE integration = @Integration AND idempotency_key = @Key
            """, new { Integration = integration, Key = key }, cancellationToken: ct));
    }

    /// <summary>The request as parsed (details in key order), so whitespace or property order do not make a retry "different".</summary>
    private static string RequestHash(IntakeRequest body)
    {
        var canonical = JsonSerializer.Serialize(body with { Details = null }, ApiJson.Options)
            + JsonSerializer.Serialize((body.Details ?? []).OrderBy(d => d.Key, StringComparer.Ordinal).ToList(), ApiJson.Options);
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(canonical)));
    }

    private static StatusResponse ToStatus(JourneyRouter router, Ticket t)
    {
        var type = router.FindCaseType(t.CaseType);
        var agency = router.FindAgency(t.OwningAgency);
        static Due DueOf(DateTimeOffset at) => new(at, SaudiDateFormatter.FormatAr(at), SaudiDateFormatter.FormatEn(at));
        return new StatusResponse(t.Number, t.Status, t.IsEscalated,
            new Named(t.CaseType, type?.NameAr ?? t.CaseType, type?.NameEn ?? t.CaseType), t.StageCode, t.StageIndex,
            new Named(t.OwningAgency, agency?.NameAr ?? t.OwningAgency, agency?.NameEn ?? t.OwningAgency),
            t.OpenedAt, DueOf(t.StageDue), DueOf(t.JourneyDue));
    }
}
