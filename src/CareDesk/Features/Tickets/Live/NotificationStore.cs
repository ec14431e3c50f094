using CareDesk.Features.Accounts;
using Dapper;
using Npgsql;

namespace CareDesk.Features.Tickets.Live;

public sealed record Notification(long Id, string Audience, long? TicketId, string Kind, string TextAr, string TextEn, DateTimeOffset CreatedAt);

/// <summary>In-app notifications as the dispatcher delivered them.</summary>
public sealed class NotificationStore(NpgsqlDataSource dataSource)
{
    /// <summary>The audiences a user belongs to: themselves, their role, and a liaison's agency.</summary>
    public static IReadOnlyList<string> AudiencesOf(TicketActor actor)
    {
        var list = new List<string> { "user:" + actor.Username, "role:" + actor.Role };
        if (actor.Role == Roles.Liaison && actor.Agency is { Length: > 0 })
            list.Add("agency:" + actor.Agency);
        return list;
    }

    public async Task<IReadOnlyList<Notification>> RecentAsync(TicketActor actor, int limit = 20, CancellationToken ct = default)
    {
        await using var conn = await dataSource.OpenConnectionAsync(ct);
        var rows = await conn.QueryAsync<(long Id, string Audience, long? TicketId, string Kind, string TextAr, string TextEn, DateTime CreatedAt)>(
            new CommandDefinition("""
                SELECT id, audience, ticket_id, kind, text_ar, text_en, created_at FROM notifications
                WHERE audience = ANY(@Audiences)
                ORDER BY id DESC
                LIMIT @Limit
                """, new { Audiences = AudiencesOf(actor).ToArray(), Limit = limit }, cancellationToken: ct));
        return rows.Select(r => new Notification(r.Id, r.Audience, r.TicketId, r.Kind, r.TextAr, r.TextEn,
            new DateTimeOffset(DateTime.SpecifyKind(r.CreatedAt, DateTimeKind.Utc)))).ToList();
    }
}
