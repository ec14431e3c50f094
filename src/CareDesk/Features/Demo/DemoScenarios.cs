using System.Globalization;
using System.Numerics;
using CareDesk.Features.Tickets;
using CareDesk.Knowledge.Calendar;

namespace CareDesk.Features.Demo;

/// <summary>A console search of the demo month, and what the agent did with it.</summary>
/// <param name="Opens">The agent opened a hit (<paramref name="Pick"/>: 0 the first, 1 the second).</param>
/// <param name="Resolves">The call was closed with that article and no ticket.</param>
internal sealed record DemoSearch(DateTimeOffset At, string Query, bool Opens, int Pick, bool Resolves, string? CallerId, DemoFeedback? Feedback);

internal sealed record DemoFeedback(bool Helpful, string? Comment);

/// <summary>
/// The demo month: who called about what, and what each agency then did. Deadlines are not written
/// here: every step is timed against the stage the ticket is in (a share of its window, or hours past
/// its due time), and the due times come from <c>seeds/case-types.json</c> through the router. The days
/// are counted back from the start-up moment, so the month always ends today.
/// </summary>
internal static class DemoScenarios
{
    /// <summary>How far back the demo goes: inside the reports' default period (the last 30 days).</summary>
    public const int Days = 28;

    public static IReadOnlyList<DemoTicket> Tickets(DateTimeOffset now, SaudiWorkingCalendar calendar)
    {
        var list = new List<DemoTicket>();
        // Each part is one step or a run of them.
        void Add(string story, string caseType, DateTimeOffset openAt, params object[] parts)
        {
            var random = new Random(1000 + list.Count);
            var steps = parts.SelectMany(p => p as IEnumerable<DemoStep> ?? [(DemoStep)p]).ToList();
            list.Add(new DemoTicket(story, openAt, Form(caseType, openAt, random), steps));
        }
        DateTimeOffset Day(int daysAgo, int hour, int minute)
        {
            var today = SaudiWorkingCalendar.ToRiyadh(now);
            return new DateTimeOffset(today.Year, today.Month, today.Day, hour, minute, 0, SaudiWorkingCalendar.RiyadhOffset).AddDays(-daysAgo);
        }
        DateTimeOffset HoursAgo(double hours) => now.AddHours(-hours);

        // General inquiries: answered by the MOF back office at the contact-center stage.
        Add("general inquiry answered", "general-inquiry", Day(27, 10, 15), Claim(Within(0.1)), Finish("general-inquiry", Notes.General, Within(0.4)));
        Add("general inquiry answered", "general-inquiry", Day(22, 13, 40), Claim(Within(0.2)), Finish("general-inquiry", Notes.General, Within(0.5)));
        Add("general inquiry answered after its deadline", "general-inquiry", Day(15, 9, 5),
            Claim(Within(0.5)), Then(Note("بانتظار رد الإدارة المختصة على استفسار العميل عن موعد صرف المستحقات.", Within(0.7))),
            Finish("general-inquiry", Notes.General, Late(5)));
        Add("general inquiry answered", "general-inquiry", Day(13, 15, 0), Claim(Within(0.1)), Finish("general-inquiry", Notes.General, Within(0.3)));
        Add("general inquiry answered", "general-inquiry", Day(9, 11, 30), Claim(Within(0.15)), Finish("general-inquiry", Notes.General, Within(0.6)));
        Add("general inquiry answered", "general-inquiry", Day(4, 14, 10), Claim(Within(0.1)), Finish("general-inquiry", Notes.General, Within(0.35)));

        // Balance inquiries: most settled by MOF, some need NIC to check the record.
        Add("balance inquiry settled by MOF", "balance-inquiry", Day(26, 9, 45), Claim(Within(0.1)), Finish("balance-inquiry", Notes.BalanceMof, Within(0.4)));
        Add("balance inquiry settled by MOF", "balance-inquiry", Day(18, 12, 20), Claim(Within(0.2)), Finish("balance-inquiry", Notes.BalanceMof, Within(0.5)));
        Add("balance checked at NIC in time", "balance-inquiry", Day(12, 10, 50), Intake(), Claim(Within(0.2)), Finish("balance-inquiry", Notes.BalanceNic, Within(0.6)));
        Add("balance checked at NIC late", "balance-inquiry", Day(7, 13, 15), Intake(), Claim(Within(0.5)), Finish("balance-inquiry", Notes.BalanceNic, Late(6)));
        Add("balance check claimed at NIC", "balance-inquiry", Day(2, 9, 30), Intake(), Claim(Hours(3)));

        // Balance refunds through the paying bank (MOF back office with the bank, 3 working days).
        Add("bank refund in time", "balance-refund", Day(25, 11, 10), Intake(), Claim(Within(0.1)), Finish("balance-refund", Notes.BankRefund, Within(0.6)));
        Add("bank refund in time", "balance-refund", Day(20, 9, 20), Intake(), Claim(Within(0.2)), Finish("balance-refund", Notes.BankRefund, Within(0.8)));
        Add("bank refund in time", "balance-refund", Day(10, 13, 0), Intake(), Claim(Within(0.1)), Finish("balance-refund", Notes.BankRefund, Within(0.5)));
        Add("bank refund after its deadline", "balance-refund", Day(16, 14, 45), Intake(), Claim(Within(0.3)),
            Then(Note("البنك لم يؤكد استلام طلب الاسترداد بعد؛ تمت المتابعة مع ضابط الاتصال في البنك.", Within(0.8))),
            Finish("balance-refund", Notes.BankRefund, Late(20)));
        Add("bank refund reopened: the money had not arrived", "balance-refund", Day(23, 10, 5), Intake(), Claim(Within(0.1)),
            Finish("balance-refund", Notes.BankRefund, Within(0.5)),
            Then(Reopen("اتصل العميل مجددًا وأفاد بأن المبلغ لم يصل إلى حسابه حتى الآن.", Hours(50)),
             Claim(Within(0.1)), Note("أفاد البنك بأن الحوالة أُعيدت لخطأ في رقم الحساب، وأُعيد تنفيذها على الحساب الصحيح.", Within(0.4))),
            Finish("balance-refund", "أُعيد تنفيذ الحوالة بعد تصحيح الحساب وأكد البنك وصولها.", Within(0.7)));
        Add("bank refund claimed at MOF", "balance-refund", Day(3, 12, 35), Intake(), Claim(Hours(2)),
            Then(Note("أُرسل طلب الاسترداد إلى البنك بانتظار التنفيذ.", Hours(1))));

        // Delayed refunds: the contact center, the bank follow-up at MOF, then NIC corrects the record.
        Add("delayed refund corrected at NIC in time", "refund-delayed", Day(24, 9, 40), Intake(), Claim(Within(0.2)),
            Then(Note(Notes.BankSaysNic, Within(0.5)), Advance(Hours(0.5))), Claim(Within(0.2)), Finish("refund-delayed", Notes.Delayed, Within(0.6)));
        Add("delayed refund corrected at NIC in time", "refund-delayed", Day(17, 11, 55), Intake(), Claim(Within(0.1)),
            Then(Note(Notes.BankSaysNic, Within(0.4)), Advance(Hours(1))), Claim(Within(0.1)), Finish("refund-delayed", Notes.Delayed, Within(0.5)));
        Add("delayed refund late at NIC", "refund-delayed", Day(13, 10, 25), Intake(), Claim(Within(0.2)),
            Then(Note(Notes.BankSaysNic, Within(0.5)), Advance(Hours(1))), Claim(Within(0.6)), Finish("refund-delayed", Notes.Delayed, Late(8)));
        Add("delayed refund claimed at NIC", "refund-delayed", Day(6, 13, 5), Intake(), Claim(Within(0.2)),
            Then(Note(Notes.BankSaysNic, Within(0.5)), Advance(Hours(1))), Claim(Hours(4)),
            Then(Note("جارٍ التحقق من سجل العملية لدى المركز.", Hours(2))));
        Add("delayed refund waiting for the caller at NIC", "refund-delayed", Day(8, 9, 10), Intake(), Claim(Within(0.2)),
            Then(Note(Notes.BankSaysNic, Within(0.4)), Advance(Hours(1))), Claim(Hours(3)),
            Then(Ask("نأمل تزويدنا برقم العملية لدى البنك وتاريخ تقديم طلب الاسترداد كما يظهر في إشعار البنك.", Hours(1))));

        // Paid from someone else's account: refunded to the account that paid, after the bank confirms.
        Add("other payer refunded", "other-payer-account", Day(21, 12, 10), Intake(), Claim(Within(0.2)), Finish("other-payer-account", Notes.OtherPayer, Within(0.6)));
        Add("other payer refunded", "other-payer-account", Day(11, 10, 40), Intake(), Claim(Within(0.1)), Finish("other-payer-account", Notes.OtherPayer, Within(0.7)));
        Add("other payer waiting for the caller at MOF", "other-payer-account", Day(5, 11, 25), Intake(), Claim(Hours(2)),
            Then(Ask("نأمل تزويدنا برقم آيبان الحساب الذي تم السداد منه وموافقة صاحبه على استلام المبلغ.", Hours(1))));

        // Fees paid before SADAD: Passports process the refund (5 working days).
        Add("pre-SADAD refund at Passports in time", "pre-sadad-refund", Day(27, 11, 50), Intake(), Claim(Within(0.1)), Finish("pre-sadad-refund", Notes.PreSadad, Within(0.5)));
        Add("pre-SADAD refund at Passports in time", "pre-sadad-refund", Day(19, 9, 35), Intake(), Claim(Within(0.2)), Finish("pre-sadad-refund", Notes.PreSadad, Within(0.7)));
        Add("pre-SADAD refund after the caller answered", "pre-sadad-refund", Day(14, 13, 30), Intake(), Claim(Within(0.1)),
            Then(Ask("نأمل تزويدنا بصورة إيصال السداد القديم.", Within(0.2)), Answer("أرسل العميل صورة الإيصال عبر البريد، وأرفقناها بملف الطلب.", Hours(20))),
            Finish("pre-sadad-refund", Notes.PreSadad, Within(0.8)));
        Add("pre-SADAD refund at Passports late", "pre-sadad-refund", Day(24, 12, 45), Intake(), Claim(Within(0.5)), Finish("pre-sadad-refund", Notes.PreSadad, Late(24)));
        Add("pre-SADAD refund overdue at Passports", "pre-sadad-refund", Day(12, 9, 55), Intake(), Claim(Hours(20)),
            Then(Note("الطلب لدى إدارة الشؤون المالية بالجوازات للاعتماد.", Hours(3))));
        Add("pre-SADAD refund claimed at Passports", "pre-sadad-refund", Day(6, 10, 20), Intake(), Claim(Hours(5)));
        Add("pre-SADAD refund waiting for the caller at Passports", "pre-sadad-refund", Day(4, 12, 0), Intake(), Claim(Hours(3)),
            Then(Ask("الآيبان المسجل لا يطابق اسم المستفيد؛ نأمل تزويدنا بآيبان باسم المستفيد نفسه.", Hours(1))));
        Add("pre-SADAD refund new at Passports", "pre-sadad-refund", Day(2, 11, 15), Intake());

        // Payments not reflected: NIC reflects the payment (3 working days).
        Add("payment reflected by NIC", "payment-not-reflected", Day(26, 13, 20), Intake(), Claim(Within(0.1)), Then(VerifyPayment(Within(0.3))),
            Finish("payment-not-reflected", Notes.Reflected, Within(0.6)));
        Add("payment reflected by NIC", "payment-not-reflected", Day(20, 10, 30), Intake(), Claim(Within(0.2)), Finish("payment-not-reflected", Notes.Reflected, Within(0.5)));
        Add("payment reflected by NIC", "payment-not-reflected", Day(18, 9, 30), Intake(), Claim(Within(0.1)), Then(VerifyPayment(Within(0.2))),
            Finish("payment-not-reflected", Notes.Reflected, Within(0.4)));
        Add("payment reflected by NIC", "payment-not-reflected", Day(10, 11, 45), Intake(), Claim(Within(0.3)), Finish("payment-not-reflected", Notes.Reflected, Within(0.8)));
        Add("payment overdue at NIC", "payment-not-reflected", Day(15, 12, 50), Intake(), Claim(Hours(22)), Then(VerifyPayment(Hours(2))));
        Add("payment new at NIC", "payment-not-reflected", Day(3, 9, 25), Intake());

        // Visa fee refunds: MOFA has 15 days; past that, MOF follows up with MOFA, NIC and the bank.
        Add("visa refund late at MOFA, followed up by MOF", "visa-fee-refund", Day(28, 9, 15), Intake(), Claim(Within(0.1)),
            Then(Note("تم التحقق من قبول الإلغاء في مساند، والطلب قيد المراجعة المالية.", Within(0.3)),
             new DemoStep("supervisor hands the overdue refund to MOF", Late(30), (a, t) => a.Commands.AdvanceAsync(t.Id, t.Version, a.Supervisor))),
            Claim(Within(0.1)), Then(Note("تواصلنا مع وزارة الخارجية والبنك؛ أُعيد إرسال أمر الصرف.", Within(0.3))),
            Finish("visa-fee-refund", Notes.VisaRefund, Within(0.6)));
        Add("visa refund by MOFA in time", "visa-fee-refund", Day(25, 13, 55), Intake(), Claim(Within(0.1)), Finish("visa-fee-refund", Notes.VisaRefund, Within(0.6)));
        Add("visa refund by MOFA in time", "visa-fee-refund", Day(19, 11, 5), Intake(), Claim(Within(0.05)), Finish("visa-fee-refund", Notes.VisaRefund, Within(0.5)));
        Add("visa refund rerouted by MOFA to NIC", "visa-fee-refund", Day(21, 10, 35), Intake(), Claim(Within(0.05)),
            Then(Reroute("NIC", "حالة التأشيرة في أبشر لم تتحدث إلى «ملغاة» رغم قبول الإلغاء في مساند؛ يلزم تصحيحها قبل الاسترداد.", Within(0.1))),
            Claim(Hours(3)), Then(Note("صُححت حالة التأشيرة، وأُبلغت وزارة الخارجية لاستكمال الصرف.", Hours(20))),
            Finish("visa-fee-refund", Notes.VisaRefund, Hours(30)));
        Add("visa refund overdue at MOFA", "visa-fee-refund", Day(20, 14, 20), Intake(), Claim(Hours(30)),
            Then(Note("بانتظار اعتماد أمر الصرف من الإدارة المالية.", Hours(48))));
        Add("visa refund claimed at MOFA", "visa-fee-refund", Day(9, 12, 40), Intake(), Claim(Hours(6)));
        Add("visa refund waiting for the caller at MOFA", "visa-fee-refund", Day(6, 9, 50), Intake(), Claim(Hours(4)),
            Then(Ask("نأمل تأكيد الرقم الصادر ورقم الحدود للتأشيرة؛ الرقم المسجل لا يطابق سجلاتنا.", Hours(1))));
        Add("visa refund new at MOFA", "visa-fee-refund", Day(2, 13, 35), Intake());

        // Visa status: NIC reviews (5 working days); a visa issued through MOFA goes there.
        Add("visa status corrected by NIC", "visa-status", Day(23, 12, 25), Intake(), Claim(Within(0.1)), Finish("visa-status", Notes.VisaStatus, Within(0.5)));
        Add("visa status corrected by NIC", "visa-status", Day(14, 10, 10), Intake(), Claim(Within(0.2)), Finish("visa-status", Notes.VisaStatus, Within(0.6)));
        Add("visa status claimed at NIC", "visa-status", Day(7, 11, 20), Intake(), Claim(Hours(5)));
        Add("visa status rerouted by NIC to MOFA", "visa-status", Day(10, 9, 0), Intake(), Claim(Hours(4)),
            Then(Reroute("MOFA", "التأشيرة صادرة عبر منصة وزارة الخارجية، ومراجعة حالتها لديهم.", Hours(2))), Claim(Hours(20)));

        // Etimad debts: followed up by MOF with Etimad.
        Add("Etimad debt updated", "etimad-debt", Day(26, 11, 0), Intake(), Claim(Within(0.1)), Finish("etimad-debt", Notes.Etimad, Within(0.5)));
        Add("Etimad debt updated", "etimad-debt", Day(22, 9, 50), Intake(), Claim(Within(0.2)), Finish("etimad-debt", Notes.Etimad, Within(0.4)));
        Add("Etimad debt updated", "etimad-debt", Day(17, 13, 10), Intake(), Claim(Within(0.1)), Finish("etimad-debt", Notes.Etimad, Within(0.6)));
        Add("Etimad debt updated", "etimad-debt", Day(11, 12, 5), Intake(), Claim(Within(0.3)), Finish("etimad-debt", Notes.Etimad, Within(0.7)));
        Add("Etimad debt: the caller answered", "etimad-debt", Day(4, 10, 45), Intake(), Claim(Hours(2)),
            Then(Ask("نأمل تزويدنا برقم المديونية كما يظهر في منصة اعتماد.", Hours(1)), Answer("أفاد العميل برقم المديونية وأُضيف إلى بيانات الطلب.", Hours(4))));

        // Today's intake, still at the contact center (MOF's inbox).
        Add("new at the contact center", "refund-delayed", HoursAgo(5));
        Add("claimed at the contact center", "general-inquiry", HoursAgo(3), Claim(Hours(0.5)));
        Add("new at the contact center", "pre-sadad-refund", HoursAgo(20));
        Add("new at the contact center", "balance-refund", HoursAgo(1.5));
        return list;
    }

    /// <summary>The console's month of searches: more on working days, between 08:00 and 21:30.</summary>
    public static IReadOnlyList<DemoSearch> Searches(DateTimeOffset now, SaudiWorkingCalendar calendar)
    {
        var random = new Random(19990);
        var list = new List<DemoSearch>();
        var opened = 0;
        var today = DateOnly.FromDateTime(SaudiWorkingCalendar.ToRiyadh(now).DateTime);
        for (var daysAgo = Days - 1; daysAgo >= 0; daysAgo--)
        {
            var day = today.AddDays(-daysAgo);
            var count = calendar.IsWorkingDay(day) ? random.Next(9, 16) : random.Next(3, 7);
            var minutes = Enumerable.Range(0, count).Select(_ => random.Next(8 * 60, 21 * 60 + 30)).Order().ToList();
            foreach (var minute in minutes)
            {
                var at = new DateTimeOffset(day.ToDateTime(TimeOnly.MinValue).AddMinutes(minute), SaudiWorkingCalendar.RiyadhOffset);
                var (query, weight) = Queries[random.Next(Queries.Length)];
                if (random.Next(3) >= weight || at > now.AddMinutes(-10))
                    continue;
                var opens = random.NextDouble() < 0.78;
                var pick = random.NextDouble() < 0.85 ? 0 : 1;
                var resolves = opens && random.NextDouble() < 0.6;
                var caller = resolves && random.NextDouble() < 0.7 ? NationalIdNumber(random, random.Next(2) == 0 ? 1 : 2) : null;
                var feedback = opens && opened++ % 9 == 4 ? Feedback[(opened / 9) % Feedback.Length] : null;
                list.Add(new DemoSearch(at, query, opens, pick, resolves, caller, feedback));
            }
        }
        return list;
    }

    /// <summary>What agents type (weight 1–3: how often). The last ones are outside the FAQ: the content-gap report shows them.</summary>
    private static readonly (string Query, int Weight)[] Queries =
    [
        ("رصيد المدفوعات", 3), ("استرداد رصيد المدفوعات", 3), ("استرداد رسوم التأشيرة", 3), ("الغاء تأشيرة مساند", 2),
        ("السداد لم ينعكس", 3), ("سددت من حساب شخص اخر", 2), ("مدة الاسترداد", 3), ("رسوم قبل سداد", 2),
        ("الاستعلام عن الرصيد برقم الاقامة", 2), ("مديونية اعتماد", 2), ("رقم الدعم الفني للبنك", 1), ("الراجحي استرداد", 2),
        ("حالة التأشيرة في ابشر", 2), ("تأخر الاسترداد", 3), ("تاشيرة زيارة رسوم", 1), ("19990", 1),
        ("ساهر", 1), ("التأمينات الاجتماعية", 1), ("رخصة صيد بحري", 1),
    ];

    private static readonly DemoFeedback[] Feedback =
    [
        new(true, null),
        new(false, "لا يذكر رقم الدعم الفني الخاص بكل بنك."),
        new(true, null),
        new(false, "لا يوضح ما نقوله للعميل إذا تجاوزت المدة 15 يومًا."),
        new(true, null),
        new(false, "خطوات أبشر تغيرت ولم يُحدَّث المقال."),
    ];

    // ---- Steps: each one a ticket command, by the user whose work it is.

    private static DemoStep[] Then(params DemoStep[] steps) => steps;

    private static DemoStep Claim(DemoWhen at) => new("claim", at, (a, t) => a.Commands.ClaimAsync(t.Id, t.Version, a.Liaison(t.OwningAgency)));

    private static DemoStep Note(string text, DemoWhen at) => new("note", at, (a, t) => a.Commands.AddNoteAsync(t.Id, t.Version, a.Liaison(t.OwningAgency), text));

    private static DemoStep Ask(string question, DemoWhen at) =>
        new("request information", at, (a, t) => a.Commands.RequestInfoAsync(t.Id, t.Version, a.Liaison(t.OwningAgency), question));

    /// <summary>The agent who opened the ticket brings the caller's answer (a note that answers the request).</summary>
    private static DemoStep Answer(string text, DemoWhen at) => new("agent's answer", at, (a, t) => a.Commands.AddNoteAsync(t.Id, t.Version, a.Agent, text));

    private static DemoStep Reply(string template, string? note, DemoWhen at) =>
        new("reply " + template, at, (a, t) => a.Commands.ReplyAsync(t.Id, t.Version, a.Liaison(t.OwningAgency), template, note));

    private static DemoStep Advance(DemoWhen at) => new("hand over", at, (a, t) => a.Commands.AdvanceAsync(t.Id, t.Version, a.Liaison(t.OwningAgency)));

    private static DemoStep Reroute(string agency, string reason, DemoWhen at) =>
        new("reroute to " + agency, at, (a, t) => a.Commands.RerouteAsync(t.Id, t.Version, a.Liaison(t.OwningAgency), agency, reason));

    private static DemoStep Reopen(string reason, DemoWhen at) => new("reopen", at, (a, t) => a.Commands.ReopenAsync(t.Id, t.Version, a.Agent, reason));

    private static DemoStep VerifyPayment(DemoWhen at) => new("verification", at, (a, t) =>
    {
        var paid = DateOnly.ParseExact(t.Details["payment_date"], "yyyy-MM-dd", CultureInfo.InvariantCulture);
        var data = new VerificationData
        {
            PaymentAt = new DateTimeOffset(paid.ToDateTime(new TimeOnly(11, 20)), SaudiWorkingCalendar.RiyadhOffset).ToUniversalTime(),
            Channel = "SADAD",
        };
        return a.Commands.AddVerificationAsync(t.Id, t.Version, a.Liaison(t.OwningAgency), data);
    });

    /// <summary>MOF's back office at the contact-center stage: claims, acknowledges and hands the ticket to the next stage's agency.</summary>
    private static DemoStep[] Intake() =>
        [Claim(Hours(0.4)), Reply("acknowledgement", null, Hours(0.2)), Advance(Hours(1.2))];

    /// <summary>The owner replies in the case type's unified wording, resolves, and the agent calls the caller back.</summary>
    private static DemoStep[] Finish(string caseType, string note, DemoWhen at) =>
    [
        Reply("resolution-" + caseType, note, at),
        new("resolve", Hours(0.1), (a, t) => a.Commands.ResolveAsync(t.Id, t.Version, a.Liaison(t.OwningAgency), note)),
        new("call-back", Hours(1.5), (a, t) => a.CallBackAsync(t)),
    ];

    // ---- Timing: against the stage the ticket is in, moved into office hours (Sunday–Thursday, 08:00–15:00 Riyadh).

    /// <summary><paramref name="hours"/> after the previous step.</summary>
    private static DemoWhen Hours(double hours) => (_, previous, calendar) => OfficeHours(previous.AddHours(hours), calendar);

    /// <summary>At <paramref name="share"/> of the stage's window: always before its due time.</summary>
    private static DemoWhen Within(double share) => (t, _, calendar) =>
    {
        var raw = t.StageStartedAt + (t.StageDue - t.StageStartedAt) * share;
        var office = OfficeHours(raw, calendar);
        return office < t.StageDue.AddMinutes(-10) ? office : raw;
    };

    /// <summary><paramref name="hours"/> past the stage's due time.</summary>
    private static DemoWhen Late(double hours) => (t, _, calendar) => OfficeHours(t.StageDue.AddHours(hours), calendar);

    private static DateTimeOffset OfficeHours(DateTimeOffset moment, SaudiWorkingCalendar calendar)
    {
        var local = SaudiWorkingCalendar.ToRiyadh(moment);
        var day = DateOnly.FromDateTime(local.DateTime);
        if (calendar.IsWorkingDay(day) && local.Hour is >= 8 and < 15)
            return moment;
        if (!calendar.IsWorkingDay(day) || local.Hour >= 15)
        {
            do
                day = day.AddDays(1);
            while (!calendar.IsWorkingDay(day));
        }
        // Early the next office morning, spread by the minute it would have been.
        return new DateTimeOffset(day.ToDateTime(new TimeOnly(8 + local.Minute % 3, local.Minute)), SaudiWorkingCalendar.RiyadhOffset);
    }

    // ---- What the agent types into the form: every value passes TicketFormValidator.

    private static readonly (string Name, string IbanCode)[] Banks =
        [("مصرف الراجحي", "80"), ("البنك الأهلي السعودي", "10"), ("بنك الرياض", "20"), ("مصرف الإنماء", "05"), ("البنك السعودي الأول", "45"), ("بنك البلاد", "15")];

    private static readonly (string Service, string Sector)[] Services =
    [
        ("تجديد جواز السفر", "passports"), ("تأشيرة خروج وعودة", "passports"), ("تجديد هوية مقيم", "passports"),
        ("رسوم المرافقين", "passports"), ("تجديد رخصة القيادة", "traffic"), ("تجديد رخصة سير المركبة", "traffic"),
        ("إصدار بطاقة الهوية الوطنية", "civil-affairs"), ("نقل خدمات عامل", "other"),
    ];

    private static readonly string[] Amounts = ["300", "500", "650.50", "800", "1000", "2000", "2400", "150"];

    private static OpenTicket Form(string caseType, DateTimeOffset openAt, Random r)
    {
        var opened = DateOnly.FromDateTime(SaudiWorkingCalendar.ToRiyadh(openAt).DateTime);
        string Date(int daysBefore) => opened.AddDays(-daysBefore).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        string Moment(int daysBefore, int hour) => opened.AddDays(-daysBefore).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) + $"T{hour:00}:{r.Next(60):00}";
        var citizen = r.Next(3) > 0;
        var caller = NationalIdNumber(r, citizen ? 1 : 2);
        var (service, sector) = Services[r.Next(Services.Length)];
        var bank = Banks[r.Next(Banks.Length)];
        var amount = Amounts[r.Next(Amounts.Length)];
        var paidDaysBefore = r.Next(5, 40);
        Dictionary<string, string> details = caseType switch
        {
            "balance-inquiry" => new()
            {
                ["beneficiary_id"] = caller, ["sector"] = sector,
                ["details"] = $"يسأل عن رصيد متبقٍ بعد إلغاء خدمة «{service}»، ولا يظهر له المبلغ في أبشر.",
            },
            "balance-refund" => new()
            {
                ["beneficiary_id"] = caller, ["service"] = service, ["amount"] = amount, ["payment_date"] = Date(paidDaysBefore),
                ["bank"] = bank.Name, ["sadad_bill_number"] = Digits(r, 12),
            },
            "refund-delayed" => new()
            {
                ["beneficiary_id"] = caller, ["service"] = service, ["amount"] = amount, ["payment_date"] = Date(paidDaysBefore + 10),
                ["bank"] = bank.Name, ["refund_requested_at"] = Date(paidDaysBefore),
                ["details"] = "قدّم طلب الاسترداد عبر البنك ولم يصل المبلغ بعد انقضاء المدة، ويفيد البنك بعدم إمكانية الاسترداد.",
            },
            "other-payer-account" => new()
            {
                ["beneficiary_id"] = caller, ["service"] = service, ["amount"] = amount, ["payment_date"] = Date(paidDaysBefore),
                ["bank"] = bank.Name, ["payer_is_applicant"] = "no",
            },
            "pre-sadad-refund" => new()
            {
                ["beneficiary_id"] = caller, ["service"] = service, ["amount"] = amount, ["iban"] = Iban(r, bank.IbanCode),
                ["refund_requested_at"] = Date(r.Next(1, 10)),
            },
            "payment-not-reflected" => new()
            {
                ["beneficiary_id"] = caller, ["service"] = service, ["amount"] = amount, ["payment_date"] = Date(r.Next(2, 8)),
                ["bank"] = bank.Name, ["sadad_bill_number"] = Digits(r, 12), ["payment_channel"] = r.Next(2) == 0 ? "SADAD" : "Bank",
            },
            "visa-fee-refund" => new()
            {
                ["sponsor_id"] = NationalIdNumber(r, 1), ["issued_number"] = Digits(r, 10), ["serial_number"] = Digits(r, 10),
                ["visa_type"] = r.Next(3) > 0 ? "musaned" : "visit", ["cancelled_at"] = Moment(r.Next(6, 12), 10),
                ["accepted_at"] = Moment(r.Next(3, 6), 13), ["visa_status"] = "ملغاة", ["bank"] = bank.Name,
            },
            "visa-status" => new()
            {
                ["sponsor_id"] = NationalIdNumber(r, 1), ["issued_number"] = Digits(r, 10), ["visa_status"] = "صادرة ولم تُستخدم",
                ["details"] = "أُلغيت التأشيرة في مساند، ولا تزال حالتها في أبشر «صادرة».",
            },
            "etimad-debt" => new()
            {
                ["beneficiary_id"] = caller, ["debt_number"] = "DB-" + Digits(r, 8), ["debt_status"] = r.Next(2) == 0 ? "outstanding" : "paid",
                ["amount"] = amount, ["details"] = "سدّد المديونية ولا تزال تظهر قائمة في منصة اعتماد.",
            },
            _ => new()
            {
                ["subject"] = r.Next(2) == 0 ? "الفرق بين الرقم 1990 والرقم 19990" : "قنوات التواصل مع الوزارة وأوقات العمل",
                ["details"] = "يرغب العميل في معرفة الجهة المختصة وقنوات التواصل الرسمية.",
            },
        };
        // The visa cases are the sponsor's calls: the caller is the sponsor.
        if (details.TryGetValue("sponsor_id", out var sponsor))
            caller = sponsor;
        return new OpenTicket(caseType, caller, Mobile(r), details);
    }

    /// <summary>A national ID (first digit 1) or iqama number (2) with a valid check digit (Luhn, as <c>NationalId</c> checks).</summary>
    public static string NationalIdNumber(Random r, int first)
    {
        var d = new int[10];
        d[0] = first;
        for (var i = 1; i < 9; i++)
            d[i] = r.Next(10);
        var sum = 0;
        for (var i = 0; i < 9; i++)
        {
            var x = i % 2 == 0 ? d[i] * 2 : d[i];
            sum += x > 9 ? x - 9 : x;
        }
        d[9] = (10 - sum % 10) % 10;
        return string.Concat(d);
    }

    /// <summary>A Saudi IBAN (SA, ISO 13616 check digits, the bank's 2-digit code, 18 account digits).</summary>
    public static string Iban(Random r, string bankCode)
    {
        var bban = bankCode + Digits(r, 18);
        // Check digits: 98 − (BBAN + "SA00" with S=28, A=10) mod 97.
        var check = 98 - (int)(BigInteger.Parse(bban + "281000", CultureInfo.InvariantCulture) % 97);
        return $"SA{check:00}{bban}";
    }

    private static string Mobile(Random r) => "05" + "034569"[r.Next(6)] + Digits(r, 7);

    private static string Digits(Random r, int count) =>
        string.Concat(Enumerable.Range(0, count).Select(i => i == 0 ? (char)('1' + r.Next(9)) : (char)('0' + r.Next(10))));

    /// <summary>Resolution notes and recurring texts, in the agencies' own words.</summary>
    private static class Notes
    {
        public const string General = "زُوّد العميل بقنوات التواصل الرسمية وأوقات العمل، وأُوضح له الفرق بين الرقمين 1990 و19990.";
        public const string BalanceMof = "أُرشد العميل إلى الاستعلام عن الرصيد عبر أبشر من الاستعلامات الإلكترونية، وتأكد من ظهوره.";
        public const string BalanceNic = "تحقق المركز من سجل المدفوعات؛ الرصيد المتبقي مطابق لما يظهر في أبشر.";
        public const string BankRefund = "أُعيد المبلغ إلى حساب العميل لدى البنك الذي تم السداد من خلاله.";
        public const string BankSaysNic = "أفاد البنك بأن العملية معلّقة في سجل المدفوعات؛ تُحال إلى مركز المعلومات الوطني للتصحيح.";
        public const string Delayed = "صُحّح سجل العملية، وأكد البنك تنفيذ الاسترداد إلى حساب العميل.";
        public const string OtherPayer = "بعد تأكيد البنك أُعيد المبلغ إلى الحساب الذي تم السداد منه، وأُبلغ العميل بذلك.";
        public const string PreSadad = "اعتمدت الجوازات طلب الاسترداد، وحُوّل المبلغ إلى الآيبان المسجل باسم المستفيد.";
        public const string Reflected = "طابق المركز رقم فاتورة سداد مع سجل المستفيد، وانعكس السداد على الخدمة.";
        public const string VisaRefund = "صُرفت رسوم التأشيرة إلى حساب الكفيل بعد التحقق من قبول الإلغاء.";
        public const string VisaStatus = "حُدّثت حالة التأشيرة في أبشر بعد مطابقتها مع مساند.";
        public const string Etimad = "حُدّثت حالة المديونية في منصة اعتماد بعد التحقق من السداد.";
    }
}
