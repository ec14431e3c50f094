using CareDesk.Components.Dates;
using CareDesk.Tests.AgentConsole;

namespace CareDesk.Tests.Features;

public class DateTextTests
{
    [Fact]
    public async Task Render_UtcMomentFromTheDatabase_ShowsRiyadhDayAndTimeInBothCalendars()
    {
        // What Npgsql gives for a timestamptz: 22:15 UTC on 19 March 2026, which is 01:15 on 1 Shawwal 1447 in Riyadh.
        var utc = new DateTime(2026, 3, 19, 22, 15, 0, DateTimeKind.Utc);

        var doc = await ComponentRendering.RenderAsync<DateText>(new Dictionary<string, object?> { ["Utc"] = utc });

        var time = doc.QuerySelector("time.cd-date")!;
        Assert.Equal("2026-03-20 · 1447/10/01هـ 01:15", time.TextContent);
        Assert.Equal("2026-03-19T22:15:00Z", time.GetAttribute("datetime"));
        Assert.StartsWith("الجمعة 20 مارس 2026م — 1 شوال 1447هـ", time.GetAttribute("title"));
    }

    [Fact]
    public async Task Render_DateInEnglish_NoTimeAndEnglishTooltip()
    {
        var doc = await ComponentRendering.RenderAsync<DateText>(
            new Dictionary<string, object?> { ["Date"] = new DateOnly(2026, 12, 2) }, culture: "en-US");

        var time = doc.QuerySelector("time.cd-date")!;
        Assert.Equal("2026-12-02 · 22/06/1448 AH", time.TextContent);
        Assert.Equal("Wednesday 2 December 2026 — 22 Jumada al-Akhirah 1448 AH", time.GetAttribute("title"));
    }

    [Fact]
    public async Task Render_NoValue_RendersNothing()
    {
        var doc = await ComponentRendering.RenderAsync<DateText>(new Dictionary<string, object?> { ["Date"] = null });

        Assert.Null(doc.QuerySelector("time"));
    }
}
