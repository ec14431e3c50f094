using System.Text.Encodings.Web;
using System.Text.Json;

namespace CareDesk.Features.Tickets;

/// <summary>How ticket rows are read and written: the column list, the row shape Dapper fills, JSON.</summary>
internal static class TicketRows
{
    public static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public const string Columns = """
        id AS Id, number AS Number, caller_national_id AS CallerNationalId, caller_phone AS CallerPhone,
        case_type AS CaseType, stage_index AS StageIndex, stage_code AS StageCode, owning_agency AS OwningAgency,
        assignee AS Assignee, status AS Status, opened_by AS OpenedBy, opened_at AS OpenedAt, hand_off AS HandOff,
        stage_started_at AS StageStartedAt, stage_due AS StageDue, journey_due AS JourneyDue,
        escalated_hand_off AS EscalatedHandOff, details::text AS Details, verification::text AS Verification,
        version AS Version, updated_at AS UpdatedAt
        """;

    /// <summary>The scope filter every ticket query carries; parameters <c>AllAgencies</c> and <c>Agency</c>.</summary>
    public const string ScopeFilter = "(@AllAgencies OR owning_agency = @Agency)";

    public static DateTime Utc(DateTimeOffset moment) => moment.UtcDateTime;

    public static DateTime? Utc(DateTimeOffset? moment) => moment?.UtcDateTime;

    public static string ToJson<T>(T value) => JsonSerializer.Serialize(value, Json);

    public sealed class Row
    {
        public long Id { get; set; }
        public string Number { get; set; } = "";
        public string CallerNationalId { get; set; } = "";
        public string? CallerPhone { get; set; }
        public string CaseType { get; set; } = "";
        public int StageIndex { get; set; }
        public string StageCode { get; set; } = "";
        public string OwningAgency { get; set; } = "";
        public string? Assignee { get; set; }
        public string Status { get; set; } = "";
        public string OpenedBy { get; set; } = "";
        public DateTime OpenedAt { get; set; }
        public int HandOff { get; set; }
        public DateTime StageStartedAt { get; set; }
        public DateTime StageDue { get; set; }
        public DateTime JourneyDue { get; set; }
        public int? EscalatedHandOff { get; set; }
        public string Details { get; set; } = "{}";
        public string Verification { get; set; } = "{}";
        public int Version { get; set; }
        public DateTime UpdatedAt { get; set; }

        public Ticket ToTicket() => new()
        {
            Id = Id,
            Number = Number,
            CallerNationalId = CallerNationalId,
            CallerPhone = CallerPhone,
            CaseType = CaseType,
            StageIndex = StageIndex,
            StageCode = StageCode,
            OwningAgency = OwningAgency,
            Assignee = Assignee,
            Status = Status,
            OpenedBy = OpenedBy,
            OpenedAt = AsUtc(OpenedAt),
            HandOff = HandOff,
            StageStartedAt = AsUtc(StageStartedAt),
            StageDue = AsUtc(StageDue),
            JourneyDue = AsUtc(JourneyDue),
            EscalatedHandOff = EscalatedHandOff,
            Details = JsonSerializer.Deserialize<Dictionary<string, string>>(Details, Json) ?? [],
            Verification = JsonSerializer.Deserialize<VerificationData>(Verification, Json) ?? new(),
            Version = Version,
            UpdatedAt = AsUtc(UpdatedAt),
        };

        private static DateTimeOffset AsUtc(DateTime t) => new(DateTime.SpecifyKind(t, DateTimeKind.Utc));
    }

    public sealed class EventRow
    {
        public long Id { get; set; }
        public long TicketId { get; set; }
        public int Version { get; set; }
        public string Kind { get; set; } = "";
        public string Actor { get; set; } = "";
        public string ActorName { get; set; } = "";
        public string Agency { get; set; } = "";
        public DateTime At { get; set; }
        public string Data { get; set; } = "{}";

        public TicketEvent ToEvent() =>
            new(Id, TicketId, Version, Kind, Actor, ActorName, Agency, new DateTimeOffset(DateTime.SpecifyKind(At, DateTimeKind.Utc)), Data);
    }
}
