using CareDesk.Features.Reference;
using CareDesk.Data;
using CareDesk.Features.Accounts;
using CareDesk.Features.Tickets;
using CareDesk.Features.Tickets.Background;
using CareDesk.Features.Tickets.Live;
using CareDesk.Knowledge.Calendar;
using CareDesk.Knowledge.Reference;
using CareDesk.Testing;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace CareDesk.Tests.Tickets;

/// <summary>A clock the test moves by hand.</summary>
public sealed class ManualTime(DateTimeOffset start) : TimeProvider
{
    public DateTimeOffset Now { get; set; } = start;

    public override DateTimeOffset GetUtcNow() => Now.ToUniversalTime();
}

/// <summary>The ticket engine over a fresh migrated database and the repository's seeds.</summary>
public sealed class TicketHarness : IAsyncDisposable
{
    public static readonly ReferenceData Reference = ReferenceData.Load(Path.Combine(TestPaths.RepoRoot, "seeds"));

    public static readonly TicketActor Agent = new("agent.demo", "وكيل", Roles.Agent, "MOF");
    public static readonly TicketActor Supervisor = new("supervisor.demo", "مشرف", Roles.Supervisor, "MOF");

    public static TicketActor Liaison(string agency, string? name = null) => new(name ?? $"liaison.{agency.ToLowerInvariant()}.demo", "ضابط " + agency, Roles.Liaison, agency);

    /// <summary>A valid national ID (check digit included).</summary>
    public const string CallerId = "1045678909";

    private TicketHarness(string connectionString, NpgsqlDataSource dataSource, DateTimeOffset start)
    {
        ConnectionString = connectionString;
        DataSource = dataSource;
        Time = new ManualTime(start);
        References = ReferenceSnapshot.Fixed(Reference);
        Router = new JourneyRouter(References);
        Validator = new TicketFormValidator(References, Time);
        Store = new TicketStore(dataSource);
        Commands = new TicketCommands(dataSource, Router, Validator, Time);
        Options = new TicketOptions { PresenceTimeout = TimeSpan.FromSeconds(30) };
    }

    /// <summary>With the password, for a second data source standing in for another app node.</summary>
    public string ConnectionString { get; }

    public NpgsqlDataSource DataSource { get; }
    public ManualTime Time { get; }
    public ReferenceSnapshot References { get; }

    public SaudiWorkingCalendar Calendar => References.Current.Calendar;
    public JourneyRouter Router { get; }
    public TicketFormValidator Validator { get; }
    public TicketStore Store { get; }
    public TicketCommands Commands { get; }
    public TicketOptions Options { get; }

    /// <summary>Sunday 1 November 2026, 09:00 Riyadh: a plain working day far from holidays.</summary>
    public static readonly DateTimeOffset PlainSunday = new(2026, 11, 1, 9, 0, 0, SaudiWorkingCalendar.RiyadhOffset);

    public static async Task<TicketHarness> CreateAsync(PostgresServer server, DateTimeOffset? start = null)
    {
        var connectionString = await server.CreateDatabaseAsync("tk");
        var dataSource = NpgsqlDataSource.Create(connectionString);
        await new MigrationRunner(dataSource, NullLogger<MigrationRunner>.Instance).ApplyAsync();
        return new(connectionString, dataSource, start ?? PlainSunday);
    }

    /// <summary>The ticket as JSON, to compare whole rows (records compare dictionaries by reference).</summary>
    public static string Snapshot(Ticket? t) => System.Text.Json.JsonSerializer.Serialize(t);

    public EscalationSweeper Sweeper(NpgsqlDataSource? dataSource = null) =>
        new(dataSource ?? DataSource, Router, new DisabledEmailSender(), Options, Time, NullLogger<EscalationSweeper>.Instance);

    public OutboxDispatcher Dispatcher(IEmailSender? email = null) =>
        new(DataSource, email ?? new DisabledEmailSender(), new TicketSignals(DataSource, NullLogger<TicketSignals>.Instance), Options, Time, NullLogger<OutboxDispatcher>.Instance);

    public static OpenTicket Form(string caseType, Dictionary<string, string>? details = null) =>
        new(caseType, CallerId, "0500000000", details ?? RequiredDetails(caseType));

    /// <summary>A valid value for every required field of a case type.</summary>
    public static Dictionary<string, string> RequiredDetails(string caseType)
    {
        var type = Reference.FindCaseType(caseType)!;
        var values = new Dictionary<string, string>();
        foreach (var f in type.Fields.Where(f => f.Required))
        {
            var field = Reference.CaseTypes.Fields.First(x => x.Code == f.Field);
            values[f.Field] = field.Kind switch
            {
                "national-id" => "2345678912",
                "money" => "150.50",
                "date" => "2026-10-01",
                "datetime" => "2026-10-01T10:30",
                "digits" => "123456",
                "bool" => "no",
                "select" => field.Options[0].Code,
                "channel" => Reference.Channels.Channels[0].Code,
                "agency" => "MOF",
                "iban" => "SA0380000000608010167519",
                _ => "نص تجريبي",
            };
        }
        return values;
    }

    public async Task<Ticket> OpenAsync(string caseType)
    {
        var result = await Commands.OpenAsync(Form(caseType), Agent);
        return Assert.IsType<TicketResult.Ok>(result).Ticket;
    }

    public async Task<long> CountAsync(string sql, object? args = null)
    {
        await using var conn = await DataSource.OpenConnectionAsync();
        return await Dapper.SqlMapper.ExecuteScalarAsync<long>(conn, sql, args);
    }

    public ValueTask DisposeAsync() => DataSource.DisposeAsync();
}
