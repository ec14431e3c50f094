using CareDesk.Features.Accounts;
using Dapper;
using Npgsql;

namespace CareDesk.Features.Tickets.Live;

public sealed record Notification(long Id, string Audience, long? TicketId, string Kind, string TextAr, string TextEn, DateTimeOffset CreatedAt);

/// <summary>The newest notifications of a user, how far they have read, and how many are newer than that.</summary>
/// <param name="Unread">Notifications newer than <paramref name="SeenUpTo"/>, counted up to <see cref="NotificationStore.UnreadCap"/>.</param>
public sealed record NotificationList(IReadOnlyList<Notification> Items, long SeenUpTo, int Unread)
{
    public bool IsUnread(Notification n) => n.Id > SeenUpTo;
}

/// <summary>In-app notifications as the dispatcher delivered them, and each user's read marker.</summary>
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

    /// <summary>Unread notices are counted up to this many ("99+" past it): a count, not a scan of a year of escalations.</summary>
    public const int UnreadCap = 100;

    public async Task<IReadOnlyList<Notification>> RecentAsync(TicketActor actor, int limit = 20, CancellationToken ct = default)
    {
        await using var conn = await dataSource.OpenConnectionAsync(ct);
        return ToNotifications(await conn.QueryAsync<Row>(new CommandDefinition(RecentSql,
            new { Audiences = AudiencesOf(actor).ToArray(), Limit = limit }, cancellationToken: ct)));
    }

    /// <summary>The newest <paramref name="limit"/> notices with the user's read marker and unread count, in one round trip.</summary>
    public async Task<NotificationList> ListAsync(TicketActor actor, int limit, CancellationToken ct = default)
    {
        await using var conn = await dataSource.OpenConnectionAsync(ct);
        await using var results = await conn.QueryMultipleAsync(new CommandDefinition($"""
            {RecentSql};
            WITH mark AS (SELECT coalesce((SELECT seen_up_to FROM notification_marks WHERE username = @User), 0) AS seen)
            SELECT mark.seen,
                   (SELECT count(*)::int FROM (
                        SELECT 1 FROM notifications WHERE audience = ANY(@Audiences) AND id > mark.seen LIMIT {UnreadCap}) AS newer)
            FROM mark
            """, new { Audiences = AudiencesOf(actor).ToArray(), Limit = limit, User = actor.Username }, cancellationToken: ct));
        var items = ToNotifications(await results.ReadAsync<Row>());
        var (seen, unread) = await results.ReadSingleAsync<(long Seen, int Unread)>();
        return new NotificationList(items, seen, unread);
    }

    /// <summary>Marks everything up to <paramref name="upTo"/> as read for the user; the marker never moves back.</summary>
    public async Task MarkReadAsync(TicketActor actor, long upTo, CancellationToken ct = default)
    {
        await using var conn = await dataSource.OpenConnectionAsync(ct);
        await conn.ExecuteAsync(new CommandDefinition("""
            INSERT INTO notification_marks (username, seen_up_to) VALUES (@User, @UpTo)
            ON CONFLICT (username) DO UPDATE
                SET seen_up_to = greatest(notification_marks.seen_up_to, excluded.seen_up_to), updated_at = now()
            """, new { User = actor.Username, UpTo = upTo }, cancellationToken: ct));
    }

    private const string RecentSql = """
        SELECT id, audience, ticket_id AS TicketId, kind, text_ar AS TextAr, text_en AS TextEn, created_at AS CreatedAt FROM notifications
        WHERE audience = ANY(@Audiences)
        ORDER BY id DESC
        LIMIT @Limit
        """;

    private sealed record Row(long Id, string Audience, long? TicketId, string Kind, string TextAr, string TextEn, DateTime CreatedAt);

    private static List<Notification> ToNotifications(IEnumerable<Row> rows) =>
        rows.Select(r => new Notification(r.Id, r.Audience, r.TicketId, r.Kind, r.TextAr, r.TextEn,
            new DateTimeOffset(DateTime.SpecifyKind(r.CreatedAt, DateTimeKind.Utc)))).ToList();
}
