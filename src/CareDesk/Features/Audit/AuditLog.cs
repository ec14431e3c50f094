using System.Security.Claims;
using Dapper;
using Npgsql;

namespace CareDesk.Features.Audit;

/// <summary>What features write to the audit trail. Rows are never changed or removed (a trigger rejects it).</summary>
public interface IAuditLog
{
    /// <summary>Appends one entry in its own connection.</summary>
    Task WriteAsync(AuditEntry entry, CancellationToken ct = default);

    /// <summary>Appends one entry inside the caller's transaction (e.g. with the ticket change it records).</summary>
    Task WriteAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, AuditEntry entry, CancellationToken ct = default);

    Task<IReadOnlyList<AuditRecord>> QueryAsync(AuditQuery query, CancellationToken ct = default);
}

/// <summary>
/// One audited event. <paramref name="Actor"/> is the user name (or <c>system</c>); <paramref name="Subject"/>
/// what it was done to (a user name, an article id, a masked value — never a full ID number or IBAN).
/// </summary>
public sealed record AuditEntry(string Actor, string Action, string? Subject = null, string? Ticket = null, string? Details = null, string? Ip = null)
{
    public static AuditEntry By(ClaimsPrincipal user, string action, string? subject = null, string? ticket = null, string? details = null) =>
        new(user.Identity?.Name ?? "anonymous", action, subject, ticket, details);
}

public sealed record AuditRecord(long Id, DateTime At, string Actor, string Action, string? Subject, string? Ticket, string? Details, string? Ip);

/// <summary>Filters of the audit page and export; <see cref="To"/> is inclusive of that whole day (UTC).</summary>
public sealed record AuditQuery(string? Actor = null, string? Action = null, DateOnly? From = null, DateOnly? To = null, int Limit = 1000);

/// <summary>The action names written by CareDesk features.</summary>
public static class AuditActions
{
    public const string SignIn = "signin.success";
    public const string SignInFailed = "signin.failure";
    public const string SignOut = "signout";
    public const string UserCreated = "user.created";
    public const string RoleChanged = "user.role";
    public const string PasswordReset = "user.password";
    public const string UserLocked = "user.locked";
    public const string UserUnlocked = "user.unlocked";
    public const string Reveal = "pii.reveal";
    public const string RevealDenied = "pii.reveal.denied";
    public const string Publish = "kb.publish";
    public const string TicketChanged = "ticket.change";
    public const string Export = "audit.export";
    public const string ApiCall = "api.call";
    public const string ReferenceAgency = "reference.agency";
    public const string ReferenceHoliday = "reference.holiday";
    public const string ReferenceStage = "reference.stage";

    public static readonly IReadOnlyList<string> All =
        [SignIn, SignInFailed, SignOut, UserCreated, RoleChanged, PasswordReset, UserLocked, UserUnlocked, Reveal, RevealDenied, Publish, TicketChanged, Export, ApiCall,
         ReferenceAgency, ReferenceHoliday, ReferenceStage];
}

public sealed class AuditLog(NpgsqlDataSource dataSource) : IAuditLog
{
    private const string Insert = """
        INSERT INTO audit_log (actor, action, subject, ticket, details, ip)
        VALUES (@Actor, @Action, @Subject, @Ticket, @Details, @Ip)
        """;

    public async Task WriteAsync(AuditEntry entry, CancellationToken ct = default)
    {
        await using var conn = await dataSource.OpenConnectionAsync(ct);
        await WriteAsync(conn, null, entry, ct);
    }

    public Task WriteAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, AuditEntry entry, CancellationToken ct = default) =>
        connection.ExecuteAsync(new CommandDefinition(Insert, Clip(entry), transaction, cancellationToken: ct));

    public async Task<IReadOnlyList<AuditRecord>> QueryAsync(AuditQuery q, CancellationToken ct = default)
    {
        await using var conn = await dataSource.OpenConnectionAsync(ct);
        var rows = await conn.QueryAsync<AuditRecord>(new CommandDefinition("""
            SELECT id, at, actor, action, subject, ticket, details, ip
            FROM audit_log
            WHERE (@Actor::text IS NULL OR actor = @Actor)
              AND (@Action::text IS NULL OR action = @Action)
              AND (@From::timestamptz IS NULL OR at >= @From)
              AND (@To::timestamptz IS NULL OR at < @To)
            ORDER BY id DESC
            LIMIT @Limit
            """, new
        {
            Actor = Blank(q.Actor),
            Action = Blank(q.Action),
            From = q.From?.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc),
            To = q.To?.AddDays(1).ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc),
            Limit = Math.Clamp(q.Limit, 1, 100_000),
        }, cancellationToken: ct));
        return rows.ToList();
    }

    private static string? Blank(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();

    // A hostile value (a 1 MB user name tried at sign-in) is recorded, but not whole.
    private static AuditEntry Clip(AuditEntry e) => e with
    {
        Actor = Cut(e.Actor, 200)!,
        Subject = Cut(e.Subject, 400),
        Details = Cut(e.Details, 2000),
    };

    private static string? Cut(string? s, int max) =>
        s is null ? null : Accounts.TextInput.Printable(s.Length <= max ? s : s[..max] + "…");
}
