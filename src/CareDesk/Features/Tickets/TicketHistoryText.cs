using System.Text.Json;

namespace CareDesk.Features.Tickets;

/// <summary>The one line under a history entry: the note, the question, the reply, the reason, where the ticket went.</summary>
public static class TicketHistoryText
{
    public static string Describe(TicketEvent e, TicketView view)
    {
        using var doc = JsonDocument.Parse(e.Data);
        var d = doc.RootElement;
        string S(string name) => d.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() ?? "" : "";
        string Route()
        {
            if (!d.TryGetProperty("route", out var r) && e.Kind != TicketEventKind.Routed)
                return "";
            var route = e.Kind == TicketEventKind.Routed ? d : r;
            var agency = route.GetProperty("agency").GetString() ?? "";
            var due = route.GetProperty("stage_due").GetDateTimeOffset();
            return $"→ {view.AgencyName(agency)} · {TicketView.When(due)}";
        }
        return e.Kind switch
        {
            TicketEventKind.Note => S("text"),
            TicketEventKind.InfoRequested => S("question"),
            TicketEventKind.Reply => Components.Localization.UiText.IsArabic ? S("text_ar") : S("text_en"),
            TicketEventKind.Rerouted => $"{S("reason")} {Route()}",
            TicketEventKind.Reopened => $"{S("reason")} {Route()}",
            TicketEventKind.Routed or TicketEventKind.StageAdvanced => Route(),
            TicketEventKind.Resolved => S("note"),
            TicketEventKind.VerificationAdded => string.Join(" · ", d.EnumerateObject()
                .Where(p => p.Value.ValueKind is JsonValueKind.String)
                .Select(p => p.Name == "channel" ? view.ChannelName(p.Value.GetString()!) : p.Value.GetString())),
            _ => "",
        };
    }
}
