using System.Net;
using CareDesk.Components.Localization;
using CareDesk.Features.Api;
using Npgsql;

namespace CareDesk.Features.Health;

/// <summary>
/// A request that fails because the database is away (restarting, unreachable, out of disk) gets a
/// quick 503 with <c>Retry-After</c> and a message in Arabic and English: problem details under
/// <c>/api</c>, a small page elsewhere. Never a stack trace, and the process keeps serving, so it
/// recovers by itself when the database is back. Other errors pass through untouched.
/// </summary>
public sealed class DatabaseOutage(RequestDelegate next, NpgsqlDataSource dataSource, ILogger<DatabaseOutage> logger)
{
    public const int RetryAfterSeconds = 5;

    public async Task InvokeAsync(HttpContext http)
    {
        try
        {
            await next(http);
        }
        catch (Exception ex) when (DatabaseFailure.Classify(ex) is { } kind && !http.Response.HasStarted)
        {
            logger.LogWarning("{Method} {Path}: database {Kind}: {Error}", http.Request.Method, http.Request.Path, kind, DatabaseFailure.Describe(ex));
            DatabaseFailure.DropDeadConnections(dataSource, kind);
            http.Response.Clear();
            http.Response.Headers.RetryAfter = RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
            var key = kind == DatabaseFailureKind.StorageFull ? "db.storage-full" : "db.unavailable";
            if (http.Request.Path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase))
            {
                await ApiProblems.Write(http, StatusCodes.Status503ServiceUnavailable, key);
                return;
            }
            var (ar, en) = http.RequestServices.GetRequiredService<UiText>().Both(key);
            http.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
            http.Response.ContentType = "text/html; charset=utf-8";
            await http.Response.WriteAsync($"""
                <!DOCTYPE html>
                <html lang="ar" dir="rtl"><head><meta charset="utf-8"><title>CareDesk</title><meta http-equiv="refresh" content="{RetryAfterSeconds * 2}"></head>
                <body><main role="alert"><h1>{WebUtility.HtmlEncode(ar)}</h1><p lang="en" dir="ltr">{WebUtility.HtmlEncode(en)}</p></main></body></html>
                """);
        }
    }
}

public enum DatabaseFailureKind { Unreachable, ConnectionLost, StorageFull, Overloaded }

/// <summary>Tells an outage of the database (worth a 503 and a retry) from a bug or bad data (a 500).</summary>
public static class DatabaseFailure
{
    public static DatabaseFailureKind? Classify(Exception? ex)
    {
        for (var e = ex; e is not null; e = e.InnerException)
        {
            switch (e)
            {
                case PostgresException pg:
                    return pg.SqlState switch
                    {
                        "53100" => DatabaseFailureKind.StorageFull,
                        "57P01" or "57P02" => DatabaseFailureKind.ConnectionLost,
                        "57P03" => DatabaseFailureKind.Unreachable,
                        _ when pg.SqlState.StartsWith("08", StringComparison.Ordinal) => DatabaseFailureKind.ConnectionLost,
                        _ when pg.SqlState.StartsWith("53", StringComparison.Ordinal) => DatabaseFailureKind.Overloaded,
                        // 58xxx: the server could not read or write its files (an I/O error, a read-only disk).
                        _ when pg.SqlState.StartsWith("58", StringComparison.Ordinal) => DatabaseFailureKind.StorageFull,
                        _ => null,
                    };
                case NpgsqlException npgsql when npgsql.InnerException is System.Net.Sockets.SocketException { SocketErrorCode: System.Net.Sockets.SocketError.ConnectionRefused }:
                    return DatabaseFailureKind.Unreachable;
                case NpgsqlException npgsql when npgsql.InnerException is IOException or System.Net.Sockets.SocketException or EndOfStreamException:
                    return DatabaseFailureKind.ConnectionLost;
                case NpgsqlException npgsql when npgsql.InnerException is TimeoutException || npgsql.Message.Contains("pool", StringComparison.OrdinalIgnoreCase):
                    return DatabaseFailureKind.Overloaded;
            }
        }
        return null;
    }

    /// <summary>After a lost or refused connection, the idle pooled ones died with the server: drop them, or each would fail one request after it is back.</summary>
    public static void DropDeadConnections(NpgsqlDataSource dataSource, DatabaseFailureKind kind)
    {
        if (kind is DatabaseFailureKind.ConnectionLost or DatabaseFailureKind.Unreachable)
            dataSource.Clear();
    }

    /// <summary>One line for the log: the messages down the chain, no stack.</summary>
    public static string Describe(Exception ex)
    {
        var parts = new List<string>();
        for (var e = ex; e is not null && parts.Count < 4; e = e.InnerException)
            parts.Add(e.Message);
        return string.Join(" ← ", parts);
    }
}
