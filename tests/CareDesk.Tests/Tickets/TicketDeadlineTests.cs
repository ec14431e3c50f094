using System.Globalization;
using CareDesk.Features.Tickets;
using CareDesk.Knowledge.Calendar;
using CareDesk.Tests.Data;
using CareDesk.Testing;

namespace CareDesk.Tests.Tickets;

[Collection(PostgresCollection.Name)]
public sealed class TicketDeadlineTests(PostgresServer postgres)
{
    private static DateTimeOffset Riyadh(int y, int m, int d, int h) => new(y, m, d, h, 0, 0, SaudiWorkingCalendar.RiyadhOffset);

    [Fact]
    public async Task OpenAsync_ThursdayMorning_StageDueSkipsTheWeekend()
    {
        await using var h = await TicketHarness.CreateAsync(postgres, Riyadh(2026, 11, 5, 10));

        var t = await h.OpenAsync("balance-inquiry");

        Assert.Equal(DayOfWeek.Thursday, h.Time.Now.DayOfWeek);
        Assert.Equal(Riyadh(2026, 11, 8, 10), t.StageDue);
        Assert.Equal(Riyadh(2026, 11, 11, 10), t.JourneyDue);
    }

    [Fact]
    public async Task OpenAsync_FridayEvening_CountsFromSundayStart()
    {
        await using var h = await TicketHarness.CreateAsync(postgres, Riyadh(2026, 11, 6, 20));

        var t = await h.OpenAsync("general-inquiry");

        Assert.Equal(Riyadh(2026, 11, 10, 0), t.StageDue);
    }

    [Fact]
    public async Task OpenAsync_DayBeforeEidAlFitr_StageDueAfterTheHoliday()
    {
        var eid = DateOnly.FromDateTime(new UmAlQuraCalendar().ToDateTime(1448, 10, 1, 0, 0, 0, 0));
        var holiday = Enumerable.Range(0, 4).Select(eid.AddDays).ToHashSet();
        bool Working(DateOnly d) => d.DayOfWeek is not (DayOfWeek.Friday or DayOfWeek.Saturday) && !holiday.Contains(d);
        var before = eid.AddDays(-1);
        while (!Working(before))
            before = before.AddDays(-1);
        var after = eid.AddDays(4);
        while (!Working(after))
            after = after.AddDays(1);
        await using var h = await TicketHarness.CreateAsync(postgres, Riyadh(before.Year, before.Month, before.Day, 11));

        var t = await h.OpenAsync("balance-inquiry");

        Assert.Equal(Riyadh(after.Year, after.Month, after.Day, 11), t.StageDue);
        Assert.True((after.DayNumber - before.DayNumber) >= 5, "the Eid holiday lies between the start and the due date");
    }

    [Fact]
    public async Task AdvanceAsync_IntoHoursStage_UsesElapsedHours()
    {
        await using var h = await TicketHarness.CreateAsync(postgres, Riyadh(2026, 11, 5, 10));
        var t = await h.OpenAsync("visa-fee-refund");

        var moved = Assert.IsType<TicketResult.Ok>(await h.Commands.AdvanceAsync(t.Id, t.Version, TicketHarness.Liaison("MOF"))).Ticket;

        Assert.Equal(Riyadh(2026, 11, 20, 10), moved.StageDue);
    }
}
