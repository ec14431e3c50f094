using CareDesk.Data;
using CareDesk.Features.Knowledge;
using CareDesk.Knowledge.Calendar;
using CareDesk.Knowledge.Reference;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace CareDesk.Features.AgentConsole;

public static class ConsoleRegistration
{
    /// <summary>The agent console: reference data for its filters and guides, the working calendar, feedback.</summary>
    public static WebApplicationBuilder AddAgentConsole(this WebApplicationBuilder builder)
    {
        var s = builder.Services;
        s.TryAddSingleton(TimeProvider.System);
        s.TryAddSingleton(sp =>
        {
            var seeds = sp.GetRequiredService<ContentOptions>().SeedsDirectory;
            try
            {
                return ReferenceData.Load(seeds);
            }
            catch (InvalidDataException ex)
            {
                throw new StartupException($"The agent console needs the reference data in {seeds} ({ContentOptions.Section}:SeedsDirectory): {ex.Message}", ex);
            }
        });
        s.TryAddSingleton(sp => SaudiWorkingCalendar.FromReferenceData(sp.GetRequiredService<ReferenceData>()));
        s.AddSingleton<ArticleFeedbackStore>();
        s.AddSingleton<CallResolutionStore>();
        s.AddSingleton<CallerHistory>();
        return builder;
    }
}
