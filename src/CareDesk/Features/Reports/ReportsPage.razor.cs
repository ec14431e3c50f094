using System.Globalization;
using CareDesk.Features.Knowledge.Gaps;
using CareDesk.Knowledge.Reference;
using Microsoft.AspNetCore.Components;

namespace CareDesk.Features.Reports;

public partial class ReportsPage
{
    [Inject] private ReportQueries Queries { get; set; } = default!;

    [Inject] private ContentGaps Gaps { get; set; } = default!;

    [Inject] private CareDesk.Features.Reference.ReferenceSnapshot Snapshot { get; set; } = default!;

    private ReferenceData Reference => Snapshot.Current.Data;

    [Inject] private TimeProvider Clock { get; set; } = default!;

    [Inject] private CareDesk.Features.Health.DatabaseActions Db { get; set; } = default!;

    private DateTime? _from;
    private DateTime? _to;
    private string? _agency;
    private string? _caseType;
    private bool _loading;
    private CareDesk.Features.Health.DatabaseProblem? _dbProblem;

    private ReportFilter? _filter;
    private IReadOnlyList<DailyInquiries> _daily = [];
    private IReadOnlyList<DailyTickets> _dailyTickets = [];
    private IReadOnlyList<DailyTickets> _ticketsByType = [];
    private FirstContact _firstContact = new();
    private IReadOnlyList<OpenTickets> _open = [];
    private IReadOnlyList<StageDeadlines> _deadlines = [];
    private IReadOnlyList<StageTime> _times = [];
    private IReadOnlyList<Escalations> _escalations = [];
    private ContentGapReport? _gaps;

    private static bool Arabic => CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "ar";

    private IEnumerable<(string Code, string Name)> Agencies =>
        Reference.Agencies.Agencies.Select(a => (a.Code, Arabic ? a.NameAr : a.NameEn));

    private IEnumerable<(string Code, string Name)> CaseTypes =>
        Reference.CaseTypes.CaseTypes.Select(c => (c.Code, Arabic ? c.NameAr : c.NameEn));

    private string AgencyName(string code) => Reference.FindAgency(code) is { } a ? (Arabic ? a.NameAr : a.NameEn) : code;

    private string CaseTypeName(string code) => Reference.FindCaseType(code) is { } c ? (Arabic ? c.NameAr : c.NameEn) : code;

    /// <summary>The query string of the CSV links: the filter the tables on screen were built from.</summary>
    private string Query => _filter is null ? "" : string.Join('&', new[]
    {
        $"from={_filter.From:yyyy-MM-dd}",
        $"to={_filter.To:yyyy-MM-dd}",
        _filter.Agency is null ? null : "agency=" + Uri.EscapeDataString(_filter.Agency),
        _filter.CaseType is null ? null : "case_type=" + Uri.EscapeDataString(_filter.CaseType),
    }.Where(p => p is not null));

    protected override async Task OnInitializedAsync()
    {
        var today = DateOnly.FromDateTime(Clock.GetUtcNow().UtcDateTime.AddHours(3));
        _to = today.ToDateTime(TimeOnly.MinValue);
        _from = today.AddDays(-29).ToDateTime(TimeOnly.MinValue);
        await LoadAsync();
    }

    // The filters stay as chosen when the database is away; Apply is the retry.
    private async Task LoadAsync() => _dbProblem = await Db.RunReadAsync("load the reports", LoadReportsAsync);

    private async Task LoadReportsAsync()
    {
        var from = DateOnly.FromDateTime(_from ?? DateTime.Today.AddDays(-29));
        var to = DateOnly.FromDateTime(_to ?? DateTime.Today);
        if (to < from)
            (from, to) = (to, from);
        var f = new ReportFilter(from, to, _agency, _caseType);
        _loading = true;
        try
        {
            _daily = await Queries.DailyInquiriesAsync(f);
            _dailyTickets = await Queries.DailyTicketsAsync(f);
            _ticketsByType = _dailyTickets.GroupBy(d => d.CaseType)
                .Select(g => new DailyTickets { CaseType = g.Key, Tickets = g.Sum(x => x.Tickets) })
                .OrderByDescending(d => d.Tickets).ToList();
            _firstContact = await Queries.FirstContactAsync(f);
            _open = await Queries.OpenTicketsAsync(f);
            _deadlines = await Queries.StageDeadlinesAsync(f);
            _times = await Queries.StageTimesAsync(f);
            _escalations = await Queries.EscalationsAsync(f);
            _gaps = await Gaps.ReportAsync(f.FromUtc, f.ToUtc, top: 20);
            _filter = f;
        }
        finally
        {
            _loading = false;
        }
    }

    private string StageName(string stage) => stage == StageTime.EndToEnd ? T["reports.times.end-to-end"] : stage;

    private static string Percent(double? rate) => rate is { } r ? r.ToString("P1", CultureInfo.CurrentCulture) : "—";

    private static string Hours(double h) => h.ToString("0.0", CultureInfo.CurrentCulture);
}
