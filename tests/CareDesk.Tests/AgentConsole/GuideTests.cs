using CareDesk.Features.AgentConsole.Guides;
using CareDesk.Knowledge.Calendar;
using CareDesk.Knowledge.Reference;
using CareDesk.Testing;

namespace CareDesk.Tests.AgentConsole;

public class VisaCancellationGuideTests
{
    private static DateTimeOffset Riyadh(int y, int m, int d, int h, int min = 0) => new(y, m, d, h, min, 0, TimeSpan.FromHours(3));

    // Sunday 1 November 2026 10:00 → Wednesday 4 November 11:00 is 73 hours.
    private static readonly DateTimeOffset AcceptedSunday = Riyadh(2026, 11, 1, 10);
    private static readonly DateTimeOffset CancelledWednesday = Riyadh(2026, 11, 4, 11);

    [Fact]
    public void Evaluate_SundayToWednesdayBeforeFifteenDays_SentToMofaExpectedFifteenCalendarDaysAfterCancellation()
    {
        var answer = VisaCancellationGuide.Evaluate(AcceptedSunday, CancelledWednesday, Riyadh(2026, 11, 10, 9));

        var outcome = Assert.IsType<GuideOutcome>(answer.Outcome);
        Assert.Equal("visa-mofa", outcome.Code);
        Assert.Equal("visa-refund-after-72h", outcome.ArticleId);
        Assert.Equal(Riyadh(2026, 11, 19, 11), outcome.ExpectedBy);
        Assert.False(outcome.Overdue);
        Assert.False(outcome.OffersTicket);
    }

    [Fact]
    public void Evaluate_FifteenDaysPassed_OverdueWithVisaTicket()
    {
        var answer = VisaCancellationGuide.Evaluate(AcceptedSunday, CancelledWednesday, Riyadh(2026, 11, 19, 11, 1));

        var outcome = Assert.IsType<GuideOutcome>(answer.Outcome);
        Assert.Equal("visa-overdue", outcome.Code);
        Assert.Equal("visa-refund-overdue", outcome.ArticleId);
        Assert.True(outcome.Overdue);
        Assert.Equal("visa-fee-refund", outcome.TicketCaseType);
    }

    [Fact]
    public void Evaluate_ExactlyFifteenDays_NotYetOverdue()
    {
        var answer = VisaCancellationGuide.Evaluate(AcceptedSunday, CancelledWednesday, Riyadh(2026, 11, 19, 11));

        Assert.Equal("visa-mofa", answer.Outcome?.Code);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(71)]
    [InlineData(72)]
    public void Evaluate_CancelledWithin72Hours_AutomaticRefundWithoutDate(int hours)
    {
        var answer = VisaCancellationGuide.Evaluate(AcceptedSunday, AcceptedSunday.AddHours(hours), Riyadh(2026, 11, 20, 9));

        var outcome = Assert.IsType<GuideOutcome>(answer.Outcome);
        Assert.Equal("visa-within-72h", outcome.Code);
        Assert.Null(outcome.ExpectedBy);
        Assert.False(outcome.OffersTicket);
    }

    [Fact]
    public void Evaluate_SeventyTwoHoursAndOneMinute_SentToMofa()
    {
        var answer = VisaCancellationGuide.Evaluate(AcceptedSunday, AcceptedSunday.AddHours(72).AddMinutes(1), Riyadh(2026, 11, 5, 9));

        Assert.Equal("visa-mofa", answer.Outcome?.Code);
    }

    [Fact]
    public void Evaluate_FifteenDaysAcrossAWeekend_CountsCalendarDaysNotWorkingDays()
    {
        // Cancelled Thursday 5 March 2026: 15 calendar days later is Friday 20 March (Eid al-Fitr), not a later working day.
        var answer = VisaCancellationGuide.Evaluate(Riyadh(2026, 3, 1, 8), Riyadh(2026, 3, 5, 8), Riyadh(2026, 3, 6, 8));

        Assert.Equal(Riyadh(2026, 3, 20, 8), answer.Outcome?.ExpectedBy);
    }

    [Fact]
    public void Evaluate_CancelledBeforeAccepted_Problem()
    {
        var answer = VisaCancellationGuide.Evaluate(CancelledWednesday, AcceptedSunday, Riyadh(2026, 11, 20, 9));

        Assert.Null(answer.Outcome);
        Assert.Equal("cancelled-before-accepted", answer.Problem);
    }

    [Fact]
    public void Evaluate_CancellationInTheFuture_Problem()
    {
        var answer = VisaCancellationGuide.Evaluate(AcceptedSunday, CancelledWednesday, Riyadh(2026, 11, 3, 9));

        Assert.Equal("in-future", answer.Problem);
    }

    [Fact]
    public void Evaluate_UtcInput_ExpectedByInRiyadhTime()
    {
        var answer = VisaCancellationGuide.Evaluate(AcceptedSunday.ToUniversalTime(), CancelledWednesday.ToUniversalTime(), Riyadh(2026, 11, 10, 9));

        Assert.Equal(TimeSpan.FromHours(3), answer.Outcome?.ExpectedBy?.Offset);
        Assert.Equal(11, answer.Outcome?.ExpectedBy?.Hour);
    }
}

public class BankRefundGuideTests
{
    private static readonly SaudiWorkingCalendar Calendar =
        SaudiWorkingCalendar.FromReferenceData(ReferenceData.Load(Path.Combine(TestPaths.RepoRoot, "seeds")));

    private static DateTimeOffset Riyadh(int y, int m, int d, int h, int min = 0) => new(y, m, d, h, min, 0, TimeSpan.FromHours(3));

    [Fact]
    public void Evaluate_RequestedThursday_ExpectedByTuesdaySkippingTheWeekend()
    {
        var answer = BankRefundGuide.Evaluate(true, Riyadh(2026, 11, 5, 10), Riyadh(2026, 11, 8, 9), Calendar);

        var outcome = Assert.IsType<GuideOutcome>(answer.Outcome);
        Assert.Equal("bank-waiting", outcome.Code);
        Assert.Equal("refund-duration", outcome.ArticleId);
        Assert.Equal(Riyadh(2026, 11, 10, 10), outcome.ExpectedBy);
        Assert.False(outcome.OffersTicket);
    }

    [Fact]
    public void Evaluate_RequestedBeforeEidAlAdha_SkipsTheHoliday()
    {
        // Monday 25 May 2026; Eid al-Adha holiday 26–29 May, weekend 29–30 May: Sunday 31, Monday 1, Tuesday 2 June.
        var answer = BankRefundGuide.Evaluate(true, Riyadh(2026, 5, 25, 10), Riyadh(2026, 5, 27, 9), Calendar);

        Assert.Equal(Riyadh(2026, 6, 2, 10), answer.Outcome?.ExpectedBy);
    }

    [Fact]
    public void Evaluate_ThreeWorkingDaysPassed_DelayedWithTicket()
    {
        var answer = BankRefundGuide.Evaluate(true, Riyadh(2026, 11, 5, 10), Riyadh(2026, 11, 10, 10, 1), Calendar);

        var outcome = Assert.IsType<GuideOutcome>(answer.Outcome);
        Assert.Equal("bank-delayed", outcome.Code);
        Assert.Equal("refund-delayed", outcome.ArticleId);
        Assert.True(outcome.Overdue);
        Assert.Equal("refund-delayed", outcome.TicketCaseType);
    }

    [Fact]
    public void Evaluate_NotRequestedYet_StepsWithoutDate()
    {
        var answer = BankRefundGuide.Evaluate(true, null, Riyadh(2026, 11, 8, 9), Calendar);

        Assert.Equal("bank-not-requested", answer.Outcome?.Code);
        Assert.Equal("refund-via-bank", answer.Outcome?.ArticleId);
        Assert.Null(answer.Outcome?.ExpectedBy);
    }

    [Fact]
    public void Evaluate_PaidFromAnotherAccount_OtherPayerArticle()
    {
        var answer = BankRefundGuide.Evaluate(false, Riyadh(2026, 11, 5, 10), Riyadh(2026, 11, 8, 9), Calendar);

        Assert.Equal("refund-other-payer-account", answer.Outcome?.ArticleId);
    }

    [Fact]
    public void Evaluate_RequestInTheFuture_Problem()
    {
        var answer = BankRefundGuide.Evaluate(true, Riyadh(2026, 11, 9, 10), Riyadh(2026, 11, 8, 9), Calendar);

        Assert.Equal("in-future", answer.Problem);
    }
}

public class PreSadadGuideTests
{
    [Theory]
    [InlineData(false, false, "pre-sadad-no-option", "refund-pre-sadad", true)]
    [InlineData(true, false, "pre-sadad-steps", "refund-pre-sadad", false)]
    [InlineData(true, true, "pre-sadad-waiting", "refund-pre-sadad-followup", true)]
    public void Evaluate_Answers_OutcomeArticleAndTicket(bool optionShown, bool requested, string code, string article, bool ticket)
    {
        var outcome = PreSadadGuide.Evaluate(optionShown, requested).Outcome!;

        Assert.Equal(code, outcome.Code);
        Assert.Equal(article, outcome.ArticleId);
        Assert.Equal(ticket, outcome.OffersTicket);
        Assert.Null(outcome.ExpectedBy);
    }
}

public class PaymentNotReflectedGuideTests
{
    [Theory]
    [InlineData(false, true, "not-reflected-not-debited", null)]
    [InlineData(true, false, "not-reflected-need-proof", null)]
    [InlineData(true, true, "not-reflected-ticket", "payment-not-reflected")]
    public void Evaluate_Answers_OutcomeAndTicket(bool debited, bool proof, string code, string? ticket)
    {
        var outcome = PaymentNotReflectedGuide.Evaluate(debited, proof).Outcome!;

        Assert.Equal(code, outcome.Code);
        Assert.Equal(ticket, outcome.TicketCaseType);
    }
}

public class GuideCatalogueTests
{
    private static DateTimeOffset Riyadh(int y, int m, int d, int h) => new(y, m, d, h, 0, 0, TimeSpan.FromHours(3));

    public static TheoryData<string> Outcomes()
    {
        var calendar = SaudiWorkingCalendar.FromReferenceData(ReferenceData.Load(Path.Combine(TestPaths.RepoRoot, "seeds")));
        var now = Riyadh(2026, 12, 20, 9);
        GuideAnswer[] answers =
        [
            VisaCancellationGuide.Evaluate(Riyadh(2026, 11, 1, 10), Riyadh(2026, 11, 2, 10), now),
            VisaCancellationGuide.Evaluate(Riyadh(2026, 11, 1, 10), Riyadh(2026, 12, 10, 10), now),
            VisaCancellationGuide.Evaluate(Riyadh(2026, 11, 1, 10), Riyadh(2026, 11, 4, 11), now),
            BankRefundGuide.Evaluate(false, null, now, calendar),
            BankRefundGuide.Evaluate(true, null, now, calendar),
            BankRefundGuide.Evaluate(true, Riyadh(2026, 12, 20, 8), now, calendar),
            BankRefundGuide.Evaluate(true, Riyadh(2026, 12, 1, 8), now, calendar),
            PreSadadGuide.Evaluate(false, false), PreSadadGuide.Evaluate(true, false), PreSadadGuide.Evaluate(true, true),
            PaymentNotReflectedGuide.Evaluate(false, false), PaymentNotReflectedGuide.Evaluate(true, false), PaymentNotReflectedGuide.Evaluate(true, true),
        ];
        var data = new TheoryData<string>();
        foreach (var a in answers)
            data.Add(System.Text.Json.JsonSerializer.Serialize(a.Outcome));
        return data;
    }

    [Theory]
    [MemberData(nameof(Outcomes))]
    public void Outcome_EveryOne_HasItsArticleTextsAndCaseType(string json)
    {
        var outcome = System.Text.Json.JsonSerializer.Deserialize<GuideOutcome>(json)!;
        var text = CareDesk.Components.Localization.UiText.LoadEmbedded();

        Assert.True(File.Exists(Path.Combine(TestPaths.RepoRoot, "content", "faq", outcome.ArticleId + ".md")), outcome.ArticleId);
        Assert.Contains("console.outcome." + outcome.Code, text.Keys);
        if (outcome.Rule is { } rule)
            Assert.Contains("console.rule." + rule, text.Keys);
        if (outcome.TicketCaseType is { } type)
            Assert.NotNull(ReferenceData.Load(Path.Combine(TestPaths.RepoRoot, "seeds")).FindCaseType(type));
    }
}
