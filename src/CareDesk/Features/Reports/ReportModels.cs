namespace CareDesk.Features.Reports;

/// <summary>The period (Riyadh calendar days, <c>To</c> inclusive) and optional filters of a report.</summary>
public sealed record ReportFilter(DateOnly From, DateOnly To, string? Agency = null, string? CaseType = null)
{
    private static readonly TimeSpan Riyadh = TimeSpan.FromHours(3);

    /// <summary>Start of <see cref="From"/> in Riyadh (UTC+3, no daylight saving), as UTC.</summary>
    public DateTime FromUtc => DateTime.SpecifyKind(From.ToDateTime(TimeOnly.MinValue) - Riyadh, DateTimeKind.Utc);

    /// <summary>End of <see cref="To"/> (exclusive) in Riyadh, as UTC.</summary>
    public DateTime ToUtc => DateTime.SpecifyKind(To.AddDays(1).ToDateTime(TimeOnly.MinValue) - Riyadh, DateTimeKind.Utc);
}

/// <summary>Inquiries on one day: console searches, calls closed with an article, tickets opened.</summary>
public sealed record DailyInquiries
{
    public DateTime Day { get; init; }
    public long Searches { get; init; }
    public long Resolutions { get; init; }
    public long Tickets { get; init; }
}

/// <summary>Tickets of one case type opened on one day.</summary>
public sealed record DailyTickets
{
    public DateTime Day { get; init; }
    public string CaseType { get; init; } = "";
    public long Tickets { get; init; }
}

/// <summary>First-contact resolutions against tickets opened in the period.</summary>
public sealed record FirstContact
{
    public long Resolutions { get; init; }
    public long Tickets { get; init; }
    public double? Rate => Resolutions + Tickets == 0 ? null : (double)Resolutions / (Resolutions + Tickets);
}

/// <summary>Tickets not resolved, by owning agency and stage, now.</summary>
public sealed record OpenTickets
{
    public string Agency { get; init; } = "";
    public string Stage { get; init; } = "";
    public long Tickets { get; init; }
}

/// <summary>Stages that ended (handed on, rerouted or resolved) in the period, by agency: on time or late.</summary>
public sealed record StageDeadlines
{
    public string Agency { get; init; } = "";
    public long Met { get; init; }
    public long Missed { get; init; }
}

/// <summary>Hours spent in a stage (or end to end, <see cref="EndToEnd"/>): median and 90th percentile.</summary>
public sealed record StageTime
{
    public const string EndToEnd = "end-to-end";
    public string Stage { get; init; } = "";
    public long Count { get; init; }
    public double MedianHours { get; init; }
    public double P90Hours { get; init; }
}

/// <summary>Escalations (a stage past its due time) in the period, by the agency that owned the ticket.</summary>
public sealed record Escalations
{
    public string Agency { get; init; } = "";
    public long Count { get; init; }
}
