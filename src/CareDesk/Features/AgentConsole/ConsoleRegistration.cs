namespace CareDesk.Features.AgentConsole;

public static class ConsoleRegistration
{
    /// <summary>
    /// The agent console's stores. It reads the reference data, working calendar and clock that
    /// <c>AddTickets()</c> registers from <c>seeds/</c>, and the search index of <c>AddSearch()</c>.
    /// </summary>
    public static WebApplicationBuilder AddAgentConsole(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<ArticleFeedbackStore>();
        builder.Services.AddSingleton<CallResolutionStore>();
        builder.Services.AddSingleton<CallerHistory>();
        return builder;
    }
}
