using CareDesk.Load;

// dotnet run -c Release --project bench/CareDesk.Load -- search|intake|pgbench|sessions|sessions-paced|all --url http://127.0.0.1:PORT --key KEY [options]
// bench/load.sh starts its own PostgreSQL and app node and runs `all` (see docs/performance.md).
LoadSettings settings;
try
{
    settings = LoadSettings.Parse(args);
}
catch (ArgumentException ex)
{
    Console.Error.WriteLine(ex.Message);
    Console.Error.WriteLine(LoadSettings.Usage);
    return args is ["-h" or "--help", ..] ? 0 : 2;
}

var started = DateTime.Now;
var run = settings.Scenario;
var steps = new List<StepResult>();
SessionsScenario? sessions = null;
using var http = HttpLoad.CreateClient(settings.BaseUrl, settings.ApiKey);
var api = new ApiScenarios(settings, http);
Console.WriteLine($"machine: {Machine.Describe()}; load average {Machine.LoadAverages}");

if (run is "search" or "all")
{
    Console.WriteLine("search: GET /api/faq/search");
    steps.AddRange(await api.SearchAsync());
}
if (run is "intake" or "all")
{
    Console.WriteLine("intake: POST /api/tickets");
    steps.AddRange(await api.IntakeAsync());
}
if ((run is "pgbench") || (run is "all" && settings.Postgres is not null))
{
    Console.WriteLine("pgbench: the same client counts on the app's PostgreSQL");
    steps.AddRange(await new PgBench(settings).RunAsync());
}
if (run is "sessions" or "sessions-paced" or "all")
{
    if (api.CreatedTickets.Count < settings.SeedTickets)
    {
        Console.WriteLine($"sessions: opening {settings.SeedTickets} tickets through the API for the agents to open");
        await api.SeedAsync(settings.SeedTickets);
    }
    Console.WriteLine("sessions: agent consoles in headless Chromium");
    sessions = new SessionsScenario(settings, api.CreatedTickets.ToArray());
    await sessions.RunAsync();
    steps.AddRange(sessions.Steps);
}

Report.Write(settings, "CareDesk.Load " + string.Join(' ', args.Select(a => a == settings.ApiKey ? "<key>" : a)), steps, sessions, started);
return 0;
