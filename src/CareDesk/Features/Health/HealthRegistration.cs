using CareDesk.Data;
using Npgsql;

namespace CareDesk.Features.Health;

/// <summary>
/// <c>/health</c>: whether the database answers, how many migrations are applied, and what the search
/// index holds. 200 when the database answers, 503 when it does not.
/// </summary>
public static class HealthRegistration
{
    public static IServiceCollection AddHealth(this IServiceCollection services) => services.AddSingleton<DatabaseActions>();

    public static WebApplication MapHealth(this WebApplication app)
    {
        app.MapGet("/health", async (NpgsqlDataSource dataSource, IEnumerable<IHealthContributor> contributors, CancellationToken ct) =>
        {
            var target = new NpgsqlConnectionStringBuilder(dataSource.ConnectionString);
            var database = new Dictionary<string, object?> { ["name"] = $"{target.Host}:{target.Port}/{target.Database}" };
            var healthy = true;
            try
            {
                using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
                timeout.CancelAfter(TimeSpan.FromSeconds(3));
                database["reachable"] = true;
                database["migrations_applied"] = await MigrationRunner.AppliedCountAsync(dataSource, timeout.Token);
            }
            catch (Exception ex) when (ex is NpgsqlException or OperationCanceledException or TimeoutException)
            {
                healthy = false;
                database["reachable"] = false;
                database["error"] = DatabaseFailure.Describe(ex);
                if (DatabaseFailure.Classify(ex) is { } kind)
                    DatabaseFailure.DropDeadConnections(dataSource, kind);
            }
            var body = new Dictionary<string, object?>
            {
                ["status"] = healthy ? "healthy" : "unhealthy",
                ["database"] = database,
                ["migrations_embedded"] = MigrationRunner.Embedded().Count,
            };
            foreach (var c in contributors)
                body[c.Name] = c.Report();
            return Results.Json(body, statusCode: healthy ? 200 : 503);
        }).AllowAnonymous();
        return app;
    }

    /// <summary>Turns a database outage during any request into a clean 503; goes before authentication, which reads the database too.</summary>
    public static WebApplication UseDatabaseOutage(this WebApplication app)
    {
        app.UseMiddleware<DatabaseOutage>();
        return app;
    }
}

/// <summary>A feature's part of the health report (e.g. the search index size).</summary>
public interface IHealthContributor
{
    string Name { get; }

    object Report();
}
