using CareDesk.Cli;

if (CliVerbs.TryGet(args, out var verb))
{
    return await verb(args[1..]);
}

var builder = WebApplication.CreateBuilder(args);
var app = builder.Build();
app.MapGet("/", () => "CareDesk");
await app.RunAsync();
return 0;
