using CareDesk.Features.Health;
using CareDesk.Features.Tickets.Background;
using CareDesk.Features.Tickets.Live;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace CareDesk.Features.Tickets;

public static class TicketsRegistration
{
    /// <summary>The ticket engine, the liaison inbox's live signals and the background sweep and outbox.</summary>
    public static WebApplicationBuilder AddTickets(this WebApplicationBuilder builder)
    {
        var options = TicketOptions.Read(builder.Configuration);
        var s = builder.Services;
        s.TryAddSingleton(TimeProvider.System);
        s.AddSingleton(options);
        s.AddSingleton<JourneyRouter>();
        s.AddSingleton<TicketFormValidator>();
        s.AddSingleton<TicketView>();
        s.AddSingleton<TicketStore>();
        s.AddSingleton<TicketCommands>();
        s.AddSingleton<TicketSubmissions>();
        s.AddSingleton<TicketPresence>();
        s.AddSingleton<NotificationStore>();
        s.AddSingleton<IEmailSender, DisabledEmailSender>();
        s.AddSingleton<TicketSignals>();
        s.AddHostedService(sp => sp.GetRequiredService<TicketSignals>());
        s.AddSingleton<IHealthContributor, LiveHealth>();
        s.AddHostedService<EscalationSweeper>();
        s.AddHostedService<OutboxDispatcher>();
        s.AddSingleton<RetryKeyRetention>();
        s.AddHostedService(sp => sp.GetRequiredService<RetryKeyRetention>());
        return builder;
    }

    /// <summary>Whether this node hears the ticket channels (inboxes, presence and the outbox depend on it).</summary>
    private sealed class LiveHealth(TicketSignals signals) : IHealthContributor
    {
        public string Name => "live";

        public object Report() => new { listening = signals.IsListening };
    }
}
