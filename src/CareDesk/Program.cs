using CareDesk.Cli;
using CareDesk.Hosting;

if (CliVerbs.TryGet(args, out var verb))
    return await verb(args[1..]);

return await CareDeskHost.RunAsync(args);

/// <summary>The entry point's type, for the router and for tests.</summary>
public partial class Program;
