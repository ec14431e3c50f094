using CareDesk.Features.Audit;
using CareDesk.Features.Knowledge.Editing;
using CareDesk.Features.Knowledge.Reminders;
using CareDesk.Tests.Data;
using Dapper;
using CareDesk.Testing;
using static CareDesk.Tests.Knowledge.KnowledgeFixtures;

namespace CareDesk.Tests.Knowledge;

[Collection(PostgresCollection.Name)]
public sealed class ReviewRemindersTests(PostgresServer postgres)
{
    private static readonly DateOnly Today = new(2026, 11, 22);

    private static async Task<string> PublishedAsync(ArticleWorkflow workflow, DateOnly reviewBy)
    {
        var article = Article() with { ReviewBy = reviewBy };
        await PublishNewAsync(workflow, article);
        return article.Id;
    }

    [Fact]
    public async Task RunDayAsync_PastReviewDate_RemindsItsEditorOnly()
    {
        await using var ds = await postgres.CreateMigratedDatabaseAsync();
        var workflow = new ArticleWorkflow(ds, new AuditLog(ds));
        var overdue = await PublishedAsync(workflow, Today.AddDays(-1));
        await PublishedAsync(workflow, Today);
        var reminders = new ReviewReminders(ds);

        Assert.Equal(1, await reminders.RunDayAsync(Today, "n1"));

        Assert.Equal(overdue, Assert.Single(await reminders.OpenAsync("editor1")).ArticleId);
        Assert.Empty(await reminders.OpenAsync("editor2"));
        await using var conn = await ds.OpenConnectionAsync();
        var queued = Assert.Single(await conn.QueryAsync<string>("SELECT audience FROM outbox WHERE channel = 'in-app' AND (payload->>'Kind' = 'kb.review-due' OR payload->>'kind' = 'kb.review-due')"));
        Assert.Equal("user:editor1", queued);
    }

    [Fact]
    public async Task RunDayAsync_TwoNodesSameDay_OnlyOneRuns()
    {
        await using var ds = await postgres.CreateMigratedDatabaseAsync();
        await PublishedAsync(new ArticleWorkflow(ds, new AuditLog(ds)), Today.AddDays(-10));
        var reminders = new ReviewReminders(ds);

        var runs = await Task.WhenAll(reminders.RunDayAsync(Today, "n1"), reminders.RunDayAsync(Today, "n2"));

        Assert.Single(runs, r => r is null);
        Assert.Single(runs, r => r == 1);
        Assert.Null(await reminders.RunDayAsync(Today, "n1"));
        Assert.Equal(1, await reminders.RunDayAsync(Today.AddDays(1), "n1"));
        Assert.Single(await reminders.OpenAsync("editor1"));
    }

    [Fact]
    public async Task DismissAsync_Seen_NoLongerOpen()
    {
        await using var ds = await postgres.CreateMigratedDatabaseAsync();
        var id = await PublishedAsync(new ArticleWorkflow(ds, new AuditLog(ds)), Today.AddDays(-3));
        var reminders = new ReviewReminders(ds);
        await reminders.RunDayAsync(Today, "n1");

        await reminders.DismissAsync(id);

        Assert.Empty(await reminders.OpenAsync("editor1"));
    }
}
