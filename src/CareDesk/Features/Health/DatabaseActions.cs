using Npgsql;

namespace CareDesk.Features.Health;

/// <summary>Why a database action a page ran did not complete: an outage (worth a retry later) or anything else.</summary>
public sealed record DatabaseProblem(string MessageKey, DatabaseFailureKind? Kind)
{
    public bool IsOutage => Kind is not null;
}

/// <summary>
/// Runs what a live page (a Blazor circuit) asks of the database so a failure becomes a
/// <see cref="DatabaseProblem"/> the page shows (<c>DatabaseAlert</c>), instead of an unhandled
/// exception that ends the circuit and loses what the user typed. Outages are told from other errors
/// as <see cref="DatabaseOutage"/> tells them for HTTP requests; the other errors are logged with
/// their stack and shown as a generic error, never swallowed.
/// </summary>
public sealed class DatabaseActions(NpgsqlDataSource dataSource, ILogger<DatabaseActions> logger)
{
    /// <summary>Runs <paramref name="action"/>; null when it completed, else what went wrong (already logged).</summary>
    public async Task<DatabaseProblem?> RunAsync(string what, Func<Task> action)
    {
        try
        {
            await action();
            return null;
        }
        catch (Exception ex)
        {
            return Handle(what, ex);
        }
    }

    /// <summary>
    /// Runs an action whose retry cannot apply it twice because it carries a key (a ticket page action, the
    /// new-ticket form, the console's call resolution). When the connection broke or timed out mid-way, the
    /// commit may have happened with only its answer lost, so the text says the change may or may not have
    /// been saved and that pressing the button again is safe. A refused connection or a full disk saved
    /// nothing, and keep saying so.
    /// </summary>
    public async Task<DatabaseProblem?> RunRetrySafeAsync(string what, Func<Task> action)
    {
        var problem = await RunAsync(what, action);
        return problem?.Kind is DatabaseFailureKind.ConnectionLost or DatabaseFailureKind.Overloaded
            ? problem with { MessageKey = "db.page.retry-safe" }
            : problem;
    }

    /// <summary>
    /// Runs a read (a list, a ticket, a report reloaded). It saves nothing, so an outage is told as "this
    /// could not be refreshed; what the page shows is the last it loaded", not "nothing was saved".
    /// </summary>
    public async Task<DatabaseProblem?> RunReadAsync(string what, Func<Task> action)
    {
        var problem = await RunAsync(what, action);
        return problem is { IsOutage: true } ? problem with { MessageKey = "db.page.unavailable-read" } : problem;
    }

    /// <summary>Logs a failure of <paramref name="what"/> and says how to show it.</summary>
    public DatabaseProblem Handle(string what, Exception ex)
    {
        if (DatabaseFailure.Classify(ex) is { } kind)
        {
            logger.LogWarning("{What}: database {Kind}: {Error}", what, kind, DatabaseFailure.Describe(ex));
            DatabaseFailure.DropDeadConnections(dataSource, kind);
            return new DatabaseProblem(kind == DatabaseFailureKind.StorageFull ? "db.page.storage-full" : "db.page.unavailable", kind);
        }
        logger.LogError(ex, "{What} failed", what);
        return new DatabaseProblem("db.page.failed", null);
    }
}
