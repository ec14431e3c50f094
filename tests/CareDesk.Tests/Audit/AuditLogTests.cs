using System.Text;
using CareDesk.Features.Audit;
using CareDesk.Testing;
using CareDesk.Tests.Data;
using Dapper;
using Npgsql;

namespace CareDesk.Tests.Audit;

[Collection(PostgresCollection.Name)]
public sealed class AuditLogTests(PostgresServer postgres)
{
    [Fact]
    public async Task QueryAsync_FilterByActorActionAndDay_ReturnsOnlyMatchesNewestFirst()
    {
        await using var data = await postgres.CreateMigratedDatabaseAsync("audit");
        var audit = new AuditLog(data);
        await audit.WriteAsync(new AuditEntry("supervisor.demo", AuditActions.SignIn));
        await audit.WriteAsync(new AuditEntry("agent.demo", AuditActions.Reveal, "NationalId:1••••••789", "T-1001"));
        await audit.WriteAsync(new AuditEntry("agent.demo", AuditActions.Reveal, "Iban:SA••••••••••••••••••7519", "T-1002"));
        var today = DateOnly.FromDateTime(DateTime.UtcNow);

        var rows = await audit.QueryAsync(new AuditQuery("agent.demo", AuditActions.Reveal, today, today));
        var tomorrow = await audit.QueryAsync(new AuditQuery(From: today.AddDays(1)));

        Assert.Equal(["T-1002", "T-1001"], rows.Select(r => r.Ticket));
        Assert.Empty(tomorrow);
    }

    [Theory]
    [InlineData("UPDATE audit_log SET actor = 'someone-else'")]
    [InlineData("DELETE FROM audit_log")]
    [InlineData("TRUNCATE audit_log")]
    public async Task Table_UpdateDeleteOrTruncate_RejectedByTrigger(string sql)
    {
        await using var data = await postgres.CreateMigratedDatabaseAsync("audit");
        await new AuditLog(data).WriteAsync(new AuditEntry("agent.demo", AuditActions.SignIn));
        await using var conn = await data.OpenConnectionAsync();

        var ex = await Assert.ThrowsAsync<PostgresException>(() => conn.ExecuteAsync(sql));

        Assert.Contains("append-only", ex.MessageText);
        Assert.Equal(1, await conn.ExecuteScalarAsync<int>("SELECT count(*) FROM audit_log WHERE actor = 'agent.demo'"));
    }

    [Fact]
    public async Task WriteAsync_InCallersTransactionRolledBack_LeavesNoRow()
    {
        await using var data = await postgres.CreateMigratedDatabaseAsync("audit");
        await using var conn = await data.OpenConnectionAsync();
        await using (var tx = await conn.BeginTransactionAsync())
        {
            await new AuditLog(data).WriteAsync(conn, tx, new AuditEntry("agent.demo", AuditActions.TicketChanged, Ticket: "T-9"));
            await tx.RollbackAsync();
        }

        Assert.Equal(0, await conn.ExecuteScalarAsync<int>("SELECT count(*) FROM audit_log"));
    }

    [Fact]
    public async Task WriteAsync_HostileText_StoredInertAndClipped()
    {
        await using var data = await postgres.CreateMigratedDatabaseAsync("audit");
        var audit = new AuditLog(data);

        await audit.WriteAsync(new AuditEntry("x\uD800y\0z", AuditActions.SignInFailed, new string('a', 1024 * 1024), Details: "<script>alert(1)</script>"));

        var row = Assert.Single(await audit.QueryAsync(new AuditQuery()));
        Assert.Equal("x\uFFFDy\uFFFDz", row.Actor);
        Assert.True(row.Subject!.Length < 500);
        Assert.Equal("<script>alert(1)</script>", row.Details);
    }

    [Fact]
    public void ToCsv_ArabicAndFormulaText_Utf8BomAndFormulaEscaped()
    {
        var rows = new[] { new AuditRecord(1, new DateTime(2026, 11, 22, 5, 0, 0), "وكيل", AuditActions.SignIn, "=HYPERLINK(\"x\")", null, "تفاصيل", "127.0.0.1") };

        var bytes = AuditExport.ToCsv(rows);

        Assert.Equal(new byte[] { 0xEF, 0xBB, 0xBF }, bytes[..3]);
        var text = Encoding.UTF8.GetString(bytes[3..]);
        Assert.StartsWith("Id,At,Actor,Action,Subject,Ticket,Details,Ip", text);
        Assert.Contains("وكيل", text);
        Assert.Contains("2026-11-22 05:00:00Z", text);
        Assert.DoesNotContain(",=HYPERLINK", text);
    }

    [Theory]
    [InlineData(null, null, "2026-13-01", null)]
    [InlineData(null, null, "1 OR 1=1", null)]
    [InlineData(null, null, null, "<script>")]
    [InlineData("bad\uD800", null, null, null)]
    public void Parse_MalformedFilter_Null(string? user, string? action, string? from, string? to) =>
        Assert.Null(AuditExport.Parse(user, action, from, to));

    [Fact]
    public void Parse_SqlFragmentAsUser_KeptAsPlainValue() =>
        Assert.Equal("x' OR '1'='1", AuditExport.Parse("x' OR '1'='1", null, "2026-11-01", "2026-11-22")!.Actor);
}
