using System.Net.Sockets;
using System.Text.Encodings.Web;
using System.Text.Unicode;
using CareDesk.Components;
using CareDesk.Components.Localization;
using CareDesk.Data;
using CareDesk.Features.Accounts;
using CareDesk.Features.AgentConsole;
using CareDesk.Features.Api;
using CareDesk.Features.Demo;
using CareDesk.Features.Health;
using CareDesk.Features.Knowledge;
using CareDesk.Features.Reference;
using CareDesk.Features.Reports;
using CareDesk.Features.Search;
using CareDesk.Features.Tickets;
using Radzen;

namespace CareDesk.Hosting;

/// <summary>Builds and runs the web app: one <c>AddX()</c>/<c>MapX()</c> per feature.</summary>
public static class CareDeskHost
{
    public static async Task<int> RunAsync(string[] args)
    {
        try
        {
            var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ApplicationName = "CareDesk" });
            builder.WebHost.UseStaticWebAssets();
            await using var database = await builder.AddCareDeskDatabaseAsync();

            // Arabic text goes out as characters, not as &#x...; entities (smaller pages, readable source).
            builder.Services.AddWebEncoders(o => o.TextEncoderSettings = new TextEncoderSettings(UnicodeRanges.All));
            builder.Services.AddRazorComponents().AddInteractiveServerComponents();
            builder.Services.AddRadzenComponents();
            builder.Services.AddUiText();
            builder.Services.AddSharedDataProtection(builder.Configuration, builder.Environment.IsDevelopment());
            builder.Services.AddHealth();
            builder.AddKnowledge();
            builder.AddReferenceData();
            builder.AddSearch();
            builder.AddAgentConsole();
            builder.AddAccounts();
            builder.AddTickets();
            builder.AddReports();
            builder.AddApi();
            builder.AddDemo();

            // Declared after the database handle so it is disposed first: background services stop
            // before the private server does, also when start-up fails half-way.
            await using var app = builder.Build();
            if (!app.Environment.IsDevelopment())
                app.UseExceptionHandler("/error", createScopeForErrors: true);
            app.UseDatabaseOutage();
            app.UseUiCultures();
            app.UseAccounts();
            app.UseAntiforgery();
            app.MapStaticAssets().AllowAnonymous();
            app.MapHealth();
            app.MapReports();
            app.MapApi();
            app.MapRazorComponents<App>().AddInteractiveServerRenderMode().AllowAnonymousFrameworkScripts();

            await app.Services.InitializeDatabaseAsync(app.Lifetime.ApplicationStopping);
            await app.StartAsync();
            StartupBanner.Print(app);
            await app.WaitForShutdownAsync();
            return 0;
        }
        catch (StartupException ex)
        {
            Console.Error.WriteLine($"caredesk: {ex.Message}");
            return 1;
        }
        catch (IOException ex) when (ex.InnerException is SocketException or IOException || ex.Message.Contains("address already in use", StringComparison.OrdinalIgnoreCase))
        {
            Console.Error.WriteLine($"caredesk: cannot listen: {ex.Message} — set --urls or ASPNETCORE_URLS to a free address. / تعذر فتح المنفذ.");
            return 1;
        }
    }
}
