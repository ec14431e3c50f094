using CareDesk.Features.Reference;
using System.Globalization;
using AngleSharp.Dom;
using AngleSharp.Html.Parser;
using CareDesk.Components.Localization;
using CareDesk.Knowledge.Calendar;
using CareDesk.Knowledge.Reference;
using CareDesk.Testing;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Logging;
using Microsoft.JSInterop;
using Radzen;

namespace CareDesk.Tests.AgentConsole;

/// <summary>
/// Renders a console component to HTML with the framework's <see cref="HtmlRenderer"/> (the services the
/// app registers, in Arabic or English) and parses it with AngleSharp for assertions.
/// </summary>
internal static class ComponentRendering
{
    public static readonly ReferenceData Reference = ReferenceData.Load(Path.Combine(TestPaths.RepoRoot, "seeds"));

    private static readonly IServiceProvider Services = BuildServices();

    public static async Task<IDocument> RenderAsync<TComponent>(IDictionary<string, object?> parameters, string culture = "ar-SA")
        where TComponent : IComponent
    {
        var previous = CultureInfo.CurrentUICulture;
        CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo(culture);
        try
        {
            await using var renderer = new HtmlRenderer(Services, Services.GetRequiredService<ILoggerFactory>());
            var html = await renderer.Dispatcher.InvokeAsync(async () =>
                (await renderer.RenderComponentAsync<TComponent>(ParameterView.FromDictionary(parameters))).ToHtmlString());
            return new HtmlParser().ParseDocument(html);
        }
        finally
        {
            CultureInfo.CurrentUICulture = previous;
        }
    }

    private static ServiceProvider BuildServices()
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton<IStringLocalizer>(UiText.LoadEmbedded());
        services.AddSingleton(ReferenceSnapshot.Fixed(Reference));
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<IJSRuntime, NoBrowser>();
        services.AddRadzenComponents();
        return services.BuildServiceProvider();
    }

    /// <summary>Static rendering never calls into the browser; anything that tries is a test bug.</summary>
    private sealed class NoBrowser : IJSRuntime
    {
        public ValueTask<TValue> InvokeAsync<TValue>(string identifier, object?[]? args) =>
            throw new InvalidOperationException($"no browser in a static render ({identifier})");

        public ValueTask<TValue> InvokeAsync<TValue>(string identifier, CancellationToken cancellationToken, object?[]? args) =>
            throw new InvalidOperationException($"no browser in a static render ({identifier})");
    }
}
