using CareDesk.Features.Audit;
using CareDesk.Features.Reference;
using CareDesk.Features.Tickets;
using CareDesk.Knowledge.Reference;
using CareDesk.Tests.Data;
using CareDesk.Tests.Tickets;
using CareDesk.Testing;
using Dapper;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace CareDesk.Tests.Reference;

/// <summary>
/// The administrator's changes to agencies, liaisons, holidays and stages against real PostgreSQL:
/// written whole with an audit entry, refused by the seed rules with nothing changed, guarded
/// against a second administrator's stale copy, followed by every node and by new tickets.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class ReferenceEditorTests(PostgresServer postgres)
{
    private const string Admin = "admin.test";

    private static ReferenceEditor Editor(NpgsqlDataSource ds, ReferenceSnapshot node) =>
        new(ds, node, new AuditLog(ds), NullLogger<ReferenceEditor>.Instance);

    private static async Task<(NpgsqlDataSource Data, ReferenceSnapshot Node, ReferenceEditor Editor)> SeededAsync(PostgresServer postgres)
    {
        var ds = await ReferenceNodes.SeededDatabaseAsync(postgres);
        var node = ReferenceNodes.Node(ds);
        Assert.Empty(await node.ReloadAsync());
        return (ds, node, Editor(ds, node));
    }

    private static AgencyEntry Entry(ReferenceSnapshot node, string code) => AgencyEntry.Of(node.Current.Data, code)!;

    private static AgencyEntry WithBackup(AgencyEntry entry, Func<Liaison, Liaison> change) => entry with { Backup = change(entry.Backup!) };

    [Fact]
    public async Task UpdateAgencyAsync_BackupPhone_EveryNodeFollowsAndTheChangeIsAudited()
    {
        await using var cluster = await ReferenceNodes.StartAsync(postgres, 2);
        var editor = Editor(cluster.Data, cluster.Nodes[0]);
        var before = Entry(cluster.Nodes[0], "MOF");

        var result = await editor.UpdateAgencyAsync(Admin, before, WithBackup(before, l => l with { Phone = "+966 11 555 0102" }));

        Assert.Equal(ReferenceEditOutcome.Saved, result.Outcome);
        Assert.Equal("+966 11 555 0102", Entry(cluster.Nodes[0], "MOF").Backup!.Phone);
        await ReferenceNodes.WaitAsync(() => Entry(cluster.Nodes[1], "MOF").Backup!.Phone == "+966 11 555 0102", "the second node has the new phone");
        await using var conn = await cluster.Data.OpenConnectionAsync();
        Assert.Equal("+966 11 555 0102", await conn.ExecuteScalarAsync<string>("SELECT phone FROM liaisons WHERE agency_code = 'MOF' AND rank = 'backup'"));
        var audit = await conn.QuerySingleAsync<(string Actor, string Subject, string Details)>(
            "SELECT actor, subject, details FROM audit_log WHERE action = @a", new { a = AuditActions.ReferenceAgency });
        Assert.Equal((Admin, "agency:MOF"), (audit.Actor, audit.Subject));
        Assert.Contains($"backup.phone: \"{before.Backup!.Phone}\" → \"+966 11 555 0102\"", audit.Details);
    }

    [Theory]
    [InlineData("phone", "05x-call-me", "liaison-phone")]
    [InlineData("email", "sara at mof", "liaison-email")]
    [InlineData("name_ar", "   ", "liaison-name")]
    [InlineData("name_en", "", "liaison-name")]
    public async Task UpdateAgencyAsync_BadLiaisonField_RefusedAndNothingChanged(string field, string value, string code)
    {
        var (ds, node, editor) = await SeededAsync(postgres);
        await using var _ = ds;
        var before = Entry(node, "NIC");
        var state = node.Current;
        var documents = await DocumentsAsync(ds);

        var result = await editor.UpdateAgencyAsync(Admin, before, WithBackup(before, l => field switch
        {
            "phone" => l with { Phone = value },
            "email" => l with { Email = value },
            "name_ar" => l with { NameAr = value },
            _ => l with { NameEn = value },
        }));

        Assert.Equal(ReferenceEditOutcome.Invalid, result.Outcome);
        Assert.Equal(code, Assert.Single(result.Problems).Code);
        Assert.Equal(documents, await DocumentsAsync(ds));
        Assert.Equal(0, await CountAsync(ds, "SELECT count(*) FROM audit_log"));
        Assert.Same(state, node.Current);
    }

    [Fact]
    public async Task UpdateAgencyAsync_NameTooLong_Refused()
    {
        var (ds, node, editor) = await SeededAsync(postgres);
        await using var _ = ds;
        var before = Entry(node, "MOFA");

        var result = await editor.UpdateAgencyAsync(Admin, before, before with { Agency = before.Agency with { NameEn = new string('x', 201) } });

        Assert.Equal("agency-name", Assert.Single(result.Problems).Code);
    }

    [Fact]
    public async Task UpdateAgencyAsync_OwnerOfStagesMadeUnroutable_RefusedBySeedRules()
    {
        var (ds, node, editor) = await SeededAsync(postgres);
        await using var _ = ds;
        var before = Entry(node, "PASSPORTS");

        var result = await editor.UpdateAgencyAsync(Admin, before, before with { Agency = before.Agency with { Routable = false } });

        Assert.Equal(ReferenceEditOutcome.Invalid, result.Outcome);
        Assert.Contains(result.Problems, p => p.Code == "owner-not-routable");
        Assert.True(Entry(node, "PASSPORTS").Agency.Routable);
    }

    [Fact]
    public async Task UpdateAgencyAsync_SecondAdminWithAStaleCopy_ToldAndNothingOverwritten()
    {
        var (ds, node, editor) = await SeededAsync(postgres);
        await using var _ = ds;
        var read = Entry(node, "MOF");
        var otherNode = ReferenceNodes.Node(ds);
        await otherNode.ReloadAsync();
        var otherEditor = Editor(ds, otherNode);

        var first = await editor.UpdateAgencyAsync(Admin, read, WithBackup(read, l => l with { Email = "first@mof.gov.sa" }));
        var second = await otherEditor.UpdateAgencyAsync("admin.other", read, WithBackup(read, l => l with { Email = "second@mof.gov.sa" }));

        Assert.Equal(ReferenceEditOutcome.Saved, first.Outcome);
        Assert.Equal(ReferenceEditOutcome.Conflict, second.Outcome);
        Assert.Equal("admin.ref.conflict", second.MessageKey);
        await node.ReloadAsync();
        Assert.Equal("first@mof.gov.sa", Entry(node, "MOF").Backup!.Email);
        Assert.Equal(1, await CountAsync(ds, "SELECT count(*) FROM audit_log"));
    }

    [Fact]
    public async Task UpdateAgencyAsync_Username_MustBeALiaisonAccountOfThatAgency()
    {
        var (ds, node, editor) = await SeededAsync(postgres);
        await using var _ = ds;
        await AddUserAsync(ds, "nic.officer", "Liaison", "NIC");
        await AddUserAsync(ds, "mofa.officer", "Liaison", "MOFA");
        var before = Entry(node, "NIC");

        var unknown = await editor.UpdateAgencyAsync(Admin, before, WithBackup(before, l => l with { Username = "nobody.here" }));
        var otherAgency = await editor.UpdateAgencyAsync(Admin, before, WithBackup(before, l => l with { Username = "mofa.officer" }));
        var malformed = await editor.UpdateAgencyAsync(Admin, before, WithBackup(before, l => l with { Username = "has space" }));
        var right = await editor.UpdateAgencyAsync(Admin, before, WithBackup(before, l => l with { Username = "nic.officer" }));

        Assert.Equal("admin.agencies.error.username", unknown.MessageKey);
        Assert.Equal("admin.agencies.error.username", otherAgency.MessageKey);
        Assert.Equal(ReferenceEditOutcome.Invalid, malformed.Outcome);
        Assert.Equal(ReferenceEditOutcome.Saved, right.Outcome);
        Assert.Equal("nic.officer", Entry(node, "NIC").Backup!.Username);
        Assert.Equal("nic.officer", await ScalarAsync<string>(ds, "SELECT username FROM liaisons WHERE agency_code = 'NIC' AND rank = 'backup'"));
    }

    [Fact]
    public async Task UpdateAgencyAsync_NewPrimaryLiaison_NewTicketsRouteToTheNewPool()
    {
        var (ds, node, editor) = await SeededAsync(postgres);
        await using var _ = ds;
        var (commands, _) = Tickets(ds, node);
        var before = Entry(node, "MOF");
        await editor.UpdateAgencyAsync(Admin, before, before with { Primary = before.Primary! with { NameAr = "منى الحربي", NameEn = "Mona Al-Harbi" } });

        var opened = Assert.IsType<TicketResult.Ok>(await commands.OpenAsync(TicketHarness.Form("general-inquiry"), TicketHarness.Agent)).Ticket;

        var routed = await ScalarAsync<string>(ds, "SELECT data::text FROM ticket_events WHERE ticket_id = @Id AND kind = 'routed'", new { opened.Id });
        Assert.Contains("Mona Al-Harbi", routed);
    }

    [Fact]
    public async Task AddHolidayAsync_DeclaredDayOff_NewDeadlinesSkipItOpenTicketsKeepTheirs()
    {
        var (ds, node, editor) = await SeededAsync(postgres);
        await using var _ = ds;
        var (commands, time) = Tickets(ds, node);
        var earlier = Assert.IsType<TicketResult.Ok>(await commands.OpenAsync(TicketHarness.Form("general-inquiry"), TicketHarness.Agent)).Ticket;

        var result = await editor.AddHolidayAsync(Admin, new ExtraHoliday { Date = new DateOnly(2026, 11, 3), NameAr = " إجازة معلنة ", NameEn = "Declared day off" }, time.Now);
        var later = Assert.IsType<TicketResult.Ok>(await commands.OpenAsync(TicketHarness.Form("general-inquiry"), TicketHarness.Agent)).Ticket;

        Assert.True(result.IsSaved);
        // General inquiry: 2 working days from Sunday 1 November 09:00.
        Assert.Equal(new DateTimeOffset(2026, 11, 3, 9, 0, 0, TimeSpan.FromHours(3)), earlier.StageDue);
        Assert.Equal(new DateTimeOffset(2026, 11, 4, 9, 0, 0, TimeSpan.FromHours(3)), later.StageDue);
        Assert.Equal(earlier.StageDue, (await new TicketStore(ds).GetAsync(earlier.Id, new TicketScope(true, null)))!.StageDue);
        Assert.Equal("إجازة معلنة", node.Current.Calendar.HolidayOn(new DateOnly(2026, 11, 3))?.NameAr);
    }

    [Fact]
    public async Task AddHolidayAsync_PastOrRepeatedOrUnnamed_Refused()
    {
        var (ds, node, editor) = await SeededAsync(postgres);
        await using var _ = ds;
        var now = TicketHarness.PlainSunday;
        var day = new ExtraHoliday { Date = new DateOnly(2026, 11, 5), NameAr = "إجازة", NameEn = "Day off" };
        Assert.True((await editor.AddHolidayAsync(Admin, day, now)).IsSaved);

        var past = await editor.AddHolidayAsync(Admin, day with { Date = new DateOnly(2026, 10, 29) }, now);
        var repeated = await editor.AddHolidayAsync(Admin, day with { NameEn = "Again" }, now);
        var unnamed = await editor.AddHolidayAsync(Admin, day with { Date = new DateOnly(2026, 11, 10), NameAr = " " }, now);

        Assert.Equal("admin.holidays.error.past", past.MessageKey);
        Assert.Equal("duplicate-code", Assert.Single(repeated.Problems).Code);
        Assert.Equal("holiday-name", Assert.Single(unnamed.Problems).Code);
        Assert.Equal([new DateOnly(2026, 11, 5)], node.Current.Data.Holidays.ExtraDates.Select(e => e.Date));
    }

    [Fact]
    public async Task RemoveHolidayAsync_Twice_SecondIsAConflict()
    {
        var (ds, node, editor) = await SeededAsync(postgres);
        await using var _ = ds;
        var day = new ExtraHoliday { Date = new DateOnly(2026, 11, 5), NameAr = "إجازة", NameEn = "Day off" };
        await editor.AddHolidayAsync(Admin, day, TicketHarness.PlainSunday);

        var first = await editor.RemoveHolidayAsync(Admin, day);
        var second = await editor.RemoveHolidayAsync(Admin, day);

        Assert.True(first.IsSaved);
        Assert.Equal(ReferenceEditOutcome.Conflict, second.Outcome);
        Assert.Empty(node.Current.Data.Holidays.ExtraDates);
        Assert.True(node.Current.Calendar.IsWorkingDay(new DateOnly(2026, 11, 5)));
        Assert.Equal(2, await CountAsync(ds, $"SELECT count(*) FROM audit_log WHERE action = '{AuditActions.ReferenceHoliday}'"));
    }

    [Fact]
    public async Task UpdateStageAsync_NewSla_NewTicketsGetItOpenTicketsKeepTheirDue()
    {
        var (ds, node, editor) = await SeededAsync(postgres);
        await using var _ = ds;
        var (commands, _) = Tickets(ds, node);
        var earlier = Assert.IsType<TicketResult.Ok>(await commands.OpenAsync(TicketHarness.Form("general-inquiry"), TicketHarness.Agent)).Ticket;
        var stage = node.Current.Data.FindCaseType("general-inquiry")!.Journey[0];

        var result = await editor.UpdateStageAsync(Admin, "general-inquiry", 0, stage, new StageChange(stage.Owner, 5, null));
        var later = Assert.IsType<TicketResult.Ok>(await commands.OpenAsync(TicketHarness.Form("general-inquiry"), TicketHarness.Agent)).Ticket;

        Assert.True(result.IsSaved);
        Assert.Equal(new DateTimeOffset(2026, 11, 3, 9, 0, 0, TimeSpan.FromHours(3)), (await new TicketStore(ds).GetAsync(earlier.Id, new TicketScope(true, null)))!.StageDue);
        Assert.Equal(new DateTimeOffset(2026, 11, 8, 9, 0, 0, TimeSpan.FromHours(3)), later.StageDue);
        Assert.Equal(5, await ScalarAsync<int>(ds, "SELECT (definition->'journey'->0->>'sla_working_days')::int FROM case_types WHERE code = 'general-inquiry'"));
    }

    [Fact]
    public async Task UpdateStageAsync_NewOwner_TakesTheAccountableRoleAndTheTicketsOfTheStage()
    {
        var (ds, node, editor) = await SeededAsync(postgres);
        await using var _ = ds;
        var (commands, _) = Tickets(ds, node);
        var stage = node.Current.Data.FindCaseType("visa-status")!.Journey[1];

        var result = await editor.UpdateStageAsync(Admin, "visa-status", 1, stage, new StageChange("MOFA", stage.SlaWorkingDays, null));

        Assert.True(result.IsSaved, string.Join("; ", result.Problems));
        var changed = node.Current.Data.FindCaseType("visa-status")!.Journey[1];
        Assert.Equal(("MOFA", "A", "C"), (changed.Owner, changed.Roles["MOFA"], changed.Roles["NIC"]));
        Assert.Equal("MOFA", new JourneyRouter(node).Enter(node.Current.Data.FindCaseType("visa-status")!, 1, TicketHarness.PlainSunday).Agency);
        Assert.NotNull(commands);
    }

    [Theory]
    [InlineData("MOF", 2, 48, "bad-sla")]
    [InlineData("MOF", 0, null, "bad-sla")]
    [InlineData("MOF", 251, null, "sla-too-long")]
    [InlineData("BANK", 1, null, "owner-not-routable")]
    [InlineData("NOWHERE", 1, null, "unknown-agency")]
    public async Task UpdateStageAsync_BreaksAJourneyRule_RefusedAndNothingChanged(string owner, int? days, int? hours, string code)
    {
        var (ds, node, editor) = await SeededAsync(postgres);
        await using var _ = ds;
        var stage = node.Current.Data.FindCaseType("general-inquiry")!.Journey[0];
        var documents = await DocumentsAsync(ds);

        var result = await editor.UpdateStageAsync(Admin, "general-inquiry", 0, stage, new StageChange(owner, days, hours));

        Assert.Equal(ReferenceEditOutcome.Invalid, result.Outcome);
        Assert.Contains(result.Problems, p => p.Code == code);
        Assert.Equal(documents, await DocumentsAsync(ds));
    }

    [Fact]
    public async Task UpdateStageAsync_StaleStage_Conflict()
    {
        var (ds, node, editor) = await SeededAsync(postgres);
        await using var _ = ds;
        var stage = node.Current.Data.FindCaseType("general-inquiry")!.Journey[0];
        await editor.UpdateStageAsync(Admin, "general-inquiry", 0, stage, new StageChange("MOF", 3, null));

        var stale = await editor.UpdateStageAsync("admin.other", "general-inquiry", 0, stage, new StageChange("MOF", null, 24));

        Assert.Equal(ReferenceEditOutcome.Conflict, stale.Outcome);
        Assert.Equal(3, node.Current.Data.FindCaseType("general-inquiry")!.Journey[0].SlaWorkingDays);
    }

    private static (TicketCommands Commands, ManualTime Time) Tickets(NpgsqlDataSource ds, ReferenceSnapshot node)
    {
        var time = new ManualTime(TicketHarness.PlainSunday);
        return (new TicketCommands(ds, new JourneyRouter(node), new TicketFormValidator(node, time), time), time);
    }

    private static async Task AddUserAsync(NpgsqlDataSource ds, string name, string role, string agency)
    {
        await using var conn = await ds.OpenConnectionAsync();
        await conn.ExecuteAsync("""
            INSERT INTO users (id, user_name, normalized_user_name, display_name_ar, display_name_en, role, agency, security_stamp, concurrency_stamp)
            VALUES (gen_random_uuid(), @name, upper(@name), @name, @name, @role, @agency, 's', 'c')
            """, new { name, role, agency });
    }

    private static async Task<string> DocumentsAsync(NpgsqlDataSource ds) =>
        await ScalarAsync<string>(ds, "SELECT string_agg(name || '=' || content::text || coalesce(updated_by, ''), '|' ORDER BY name) FROM seed_documents");

    private static Task<long> CountAsync(NpgsqlDataSource ds, string sql) => ScalarAsync<long>(ds, sql);

    private static async Task<T> ScalarAsync<T>(NpgsqlDataSource ds, string sql, object? args = null)
    {
        await using var conn = await ds.OpenConnectionAsync();
        return (await conn.ExecuteScalarAsync<T>(sql, args))!;
    }
}
