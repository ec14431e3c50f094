using CareDesk.Features.AgentConsole.Guides;
using CareDesk.Knowledge.Calendar;

namespace CareDesk.Tests.AgentConsole;

public class GuideOutcomeViewTests
{
    private static readonly DateTimeOffset Nov19 = new(2026, 11, 19, 11, 0, 0, TimeSpan.FromHours(3));

    private static Task<AngleSharp.Dom.IDocument> RenderAsync(GuideOutcome outcome, string culture = "ar-SA") =>
        ComponentRendering.RenderAsync<GuideOutcomeView>(new Dictionary<string, object?> { ["Outcome"] = outcome }, culture);

    [Fact]
    public async Task Render_OverdueVisa_PastDateBothCalendarsAlertAndTicketOffer()
    {
        var doc = await RenderAsync(new GuideOutcome("visa-overdue", "visa-refund-overdue", "visa-15-days", Nov19, true, "visa-fee-refund"));

        Assert.Equal(SaudiDateFormatter.FormatAr(Nov19), doc.QuerySelector("[data-testid=expected-by]")!.TextContent);
        Assert.Contains("كان متوقعاً", doc.QuerySelector(".cd-outcome-date")!.TextContent);
        Assert.Contains("انقضت المهلة", doc.QuerySelector("[role=alert]")!.TextContent);
        var offer = doc.QuerySelector("[data-testid=ticket-offer]")!;
        Assert.StartsWith("افتح تذكرة من نوع «استرداد رسوم التأشيرة».", offer.TextContent.Trim());
        Assert.Equal("tickets/new?case_type=visa-fee-refund", offer.QuerySelector("a")!.GetAttribute("href"));
        Assert.Contains("15 يوماً تقويمياً", doc.QuerySelector(".cd-outcome-rule")!.TextContent);
    }

    [Fact]
    public async Task Render_VisaWithinDeadline_DateWithoutAlertOrTicket()
    {
        var doc = await RenderAsync(new GuideOutcome("visa-mofa", "visa-refund-after-72h", "visa-15-days", Nov19, false, null));

        Assert.Contains("يُتوقع وصول المبلغ", doc.QuerySelector(".cd-outcome-date")!.TextContent);
        Assert.Null(doc.QuerySelector("[role=alert]"));
        Assert.Null(doc.QuerySelector("[data-testid=ticket-offer]"));
    }

    [Fact]
    public async Task Render_NoDeadlineCase_NoDateAndNoPromise()
    {
        var doc = await RenderAsync(PreSadadGuide.Evaluate(true, true).Outcome!);

        Assert.Null(doc.QuerySelector("[data-testid=expected-by]"));
        Assert.Contains("لا تعِد المتصل بموعد", doc.QuerySelector(".cd-outcome-rule")!.TextContent);
        Assert.NotNull(doc.QuerySelector("[data-testid=ticket-offer]"));
    }

    [Fact]
    public async Task Render_English_DateInEnglishWithHijri()
    {
        var doc = await RenderAsync(new GuideOutcome("visa-mofa", "visa-refund-after-72h", "visa-15-days", Nov19, false, null), "en-US");

        Assert.Equal("Thursday 19 November 2026 — 9 Jumada al-Akhirah 1448 AH, 11:00", doc.QuerySelector("[data-testid=expected-by]")!.TextContent);
    }

    [Fact]
    public async Task Render_CallerHasOpenTicketOfThatType_WarnsWithItsNumberInsteadOfOffering()
    {
        var open = new CareDesk.Features.Tickets.Ticket
        {
            Number = "CD-2026-000042", CallerNationalId = "1234567897", CaseType = "visa-fee-refund", StageCode = "mofa-refund",
            OwningAgency = "MOFA", Status = "open", OpenedBy = "agent1",
        };
        var outcome = new GuideOutcome("visa-overdue", "visa-refund-overdue", "visa-15-days", Nov19, true, "visa-fee-refund");

        var doc = await ComponentRendering.RenderAsync<GuideOutcomeView>(new Dictionary<string, object?> { ["Outcome"] = outcome, ["CallerTickets"] = new[] { open } });

        var offer = doc.QuerySelector("[data-testid=ticket-offer]")!;
        Assert.Contains("CD-2026-000042", offer.TextContent);
        Assert.Null(offer.QuerySelector("a"));
    }
}
