using System.Security.Claims;
using CareDesk.Components.Localization;
using CareDesk.Components.PersonalData;
using CareDesk.Features.Accounts;
using CareDesk.Testing;
using CareDesk.Tests.Data;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Logging;
using static CareDesk.Tests.Accounts.AccountsTestServices;

namespace CareDesk.Tests.Accounts;

/// <summary>The masked-value component as the server renders it: the full value never reaches the page unrevealed.</summary>
[Collection(PostgresCollection.Name)]
public sealed class MaskedValueTests(PostgresServer postgres)
{
    private sealed class FixedAuthState(ClaimsPrincipal user) : AuthenticationStateProvider
    {
        public override Task<AuthenticationState> GetAuthenticationStateAsync() => Task.FromResult(new AuthenticationState(user));
    }

    private async Task<string> RenderAsync(ClaimsPrincipal user, PersonalDataKind kind, string value)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton(await postgres.CreateMigratedDatabaseAsync("masked"));
        services.AddAccountsCore(new AccountsOptions());
        var text = UiText.LoadEmbedded();
        services.AddSingleton(text);
        services.AddSingleton<IStringLocalizer>(text);
        services.AddSingleton<CareDesk.Features.Health.DatabaseActions>();
        services.AddSingleton<AuthenticationStateProvider>(new FixedAuthState(user));
        services.AddCascadingAuthenticationState();
        await using var sp = services.BuildServiceProvider();
        await using var renderer = new HtmlRenderer(sp, sp.GetRequiredService<ILoggerFactory>());
        return await renderer.Dispatcher.InvokeAsync(async () =>
        {
            var output = await renderer.RenderComponentAsync<MaskedValue>(ParameterView.FromDictionary(new Dictionary<string, object?>
            {
                [nameof(MaskedValue.Kind)] = kind,
                [nameof(MaskedValue.Value)] = value,
                [nameof(MaskedValue.TicketNumber)] = "T-2026-0001",
            }));
            await output.QuiescenceTask;
            return System.Net.WebUtility.HtmlDecode(output.ToHtmlString());
        });
    }

    [Fact]
    public async Task Render_Agent_MaskedWithRevealButton()
    {
        var html = await RenderAsync(Principal("agent", Roles.Agent), PersonalDataKind.Iban, "SA0380000000608010167519");

        Assert.Contains("SA••••••••••••••••••7519", html);
        Assert.DoesNotContain("0380000000608010167519", html);
        Assert.Contains("data-testid=\"reveal\"", html);
    }

    [Fact]
    public async Task Render_Editor_MaskedWithoutRevealButton()
    {
        var html = await RenderAsync(Principal("editor", Roles.Editor), PersonalDataKind.NationalId, "1023456789");

        Assert.Contains("1••••••789", html);
        Assert.DoesNotContain("1023456789", html);
        Assert.DoesNotContain("data-testid=\"reveal\"", html);
    }
}
