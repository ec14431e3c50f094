using CareDesk.Data;
using CareDesk.Features.Health;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace CareDesk.Tests.Health;

/// <summary>
/// What a live page shows when its database action fails: an outage is told from a bug the way the
/// HTTP middleware tells it, each gets its own bilingual text, and nothing is swallowed without a log line.
/// </summary>
public sealed class DatabaseActionsTests
{
    private sealed class Captured : ILogger<DatabaseActions>
    {
        public List<(LogLevel Level, string Message, Exception? Error)> Lines { get; } = [];

        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            Lines.Add((logLevel, formatter(state, exception), exception));
    }

    private static (DatabaseActions Actions, Captured Log, NpgsqlDataSource Data) Create(int? port = null)
    {
        var log = new Captured();
        var data = NpgsqlDataSource.Create($"Host=127.0.0.1;Port={port ?? 1};Username=nobody;Timeout=5");
        return (new DatabaseActions(data, log), log, data);
    }

    [Fact]
    public async Task RunAsync_ActionCompletes_ReturnsNullAndLogsNothing()
    {
        var (actions, log, data) = Create();
        await using var _ = data;
        var ran = false;
        Assert.Null(await actions.RunAsync("test", () => { ran = true; return Task.CompletedTask; }));
        Assert.True(ran);
        Assert.Empty(log.Lines);
    }

    [Fact]
    public async Task RunAsync_NothingListensOnThePort_IsAnOutageWithTheUnreachableText()
    {
        // A real refused connection, not a made-up exception: what a stopped PostgreSQL gives.
        var (actions, log, data) = Create(EmbeddedPostgres.FreePort());
        await using var _ = data;
        var problem = await actions.RunAsync("open a ticket", async () =>
        {
            await using var conn = await data.OpenConnectionAsync();
        });
        Assert.NotNull(problem);
        Assert.True(problem.IsOutage);
        Assert.Equal(DatabaseFailureKind.Unreachable, problem.Kind);
        Assert.Equal("db.page.unavailable", problem.MessageKey);
        var line = Assert.Single(log.Lines);
        Assert.Equal(LogLevel.Warning, line.Level);
        Assert.Contains("open a ticket", line.Message);
        Assert.Null(line.Error);
    }

    /// <summary>
    /// <paramref name="retrySafeKey"/>: the text for a keyed action (its retry cannot apply it twice): a broken
    /// connection or a timeout may have hidden a commit, a refused connection or a full disk saved nothing.
    /// </summary>
    [Theory]
    [InlineData("53100", DatabaseFailureKind.StorageFull, "db.page.storage-full", "db.page.storage-full")]
    [InlineData("57P01", DatabaseFailureKind.ConnectionLost, "db.page.unavailable", "db.page.retry-safe")]
    [InlineData("57P03", DatabaseFailureKind.Unreachable, "db.page.unavailable", "db.page.unavailable")]
    [InlineData("08006", DatabaseFailureKind.ConnectionLost, "db.page.unavailable", "db.page.retry-safe")]
    [InlineData("53300", DatabaseFailureKind.Overloaded, "db.page.unavailable", "db.page.retry-safe")]
    public async Task RunAsync_ServerSaysItCannotServe_IsAnOutage(string sqlState, DatabaseFailureKind kind, string key, string retrySafeKey)
    {
        var (actions, _, data) = Create();
        await using var _d = data;
        Task Away() => throw new PostgresException("away", "FATAL", "FATAL", sqlState);
        Assert.Equal(new DatabaseProblem(key, kind), await actions.RunAsync("save", Away));
        Assert.Equal(new DatabaseProblem(retrySafeKey, kind), await actions.RunRetrySafeAsync("save", Away));
        // A read saves nothing: whatever the outage, it says the page could not be refreshed.
        Assert.Equal(new DatabaseProblem("db.page.unavailable-read", kind), await actions.RunReadAsync("reload the inbox", Away));
    }

    [Theory]
    [InlineData("read")]
    [InlineData("retry-safe")]
    public async Task RunVariants_CompletesOrHasABug_AsRunAsync(string variant)
    {
        var (actions, log, data) = Create();
        await using var _ = data;
        Task<DatabaseProblem?> Run(Func<Task> action) =>
            variant == "read" ? actions.RunReadAsync("reload the inbox", action) : actions.RunRetrySafeAsync("ticket action", action);

        Assert.Null(await Run(() => Task.CompletedTask));
        Assert.Equal(new DatabaseProblem("db.page.failed", null), await Run(() => throw new InvalidOperationException("a bug")));
        Assert.IsType<InvalidOperationException>(Assert.Single(log.Lines).Error);
    }

    [Fact]
    public async Task RunAsync_ConstraintViolation_IsNotAnOutageAndIsLoggedAsAnError()
    {
        var (actions, log, data) = Create();
        await using var _ = data;
        var error = new PostgresException("duplicate key", "ERROR", "ERROR", PostgresErrorCodes.UniqueViolation);
        var problem = await actions.RunAsync("save", () => throw error);
        Assert.Equal(new DatabaseProblem("db.page.failed", null), problem);
        Assert.False(problem!.IsOutage);
        var line = Assert.Single(log.Lines);
        Assert.Equal(LogLevel.Error, line.Level);
        Assert.Same(error, line.Error);
    }

    [Fact]
    public async Task RunAsync_BugInTheAction_IsShownAsAGenericErrorWithItsStackLogged()
    {
        var (actions, log, data) = Create();
        await using var _ = data;
        var problem = await actions.RunAsync("save", () => throw new InvalidOperationException("a bug"));
        Assert.Equal("db.page.failed", problem?.MessageKey);
        Assert.IsType<InvalidOperationException>(Assert.Single(log.Lines).Error);
    }

    [Fact]
    public void Texts_EveryKeyTheActionsShow_HasArabicAndEnglish()
    {
        var text = CareDesk.Components.Localization.UiText.LoadEmbedded();
        foreach (var key in new[] { "db.page.unavailable", "db.page.unavailable-read", "db.page.retry-safe", "db.page.storage-full", "db.page.failed", "db.page.search-works",
                     "db.boundary.unavailable", "db.boundary.failed", "db.retry" })
        {
            var (ar, en) = text.Both(key);
            Assert.Matches("[\u0600-\u06FF]", ar);
            Assert.DoesNotMatch("[\u0600-\u06FF]", en);
            Assert.NotEqual(key, en);
        }
    }
}
