using System.Security.Claims;
using CareDesk.Features.Accounts;

namespace CareDesk.Features.Tickets;

/// <summary>Ticket statuses as stored in <c>tickets.status</c>.</summary>
public static class TicketStatus
{
    public const string Open = "open";
    public const string Claimed = "claimed";
    public const string AwaitingInfo = "awaiting-info";
    public const string Resolved = "resolved";
}

/// <summary>Kinds of <c>ticket_events</c>; the history view is built from these.</summary>
public static class TicketEventKind
{
    public const string Created = "created";
    public const string Routed = "routed";
    public const string Claimed = "claimed";
    public const string Note = "note";
    public const string InfoRequested = "info-requested";
    public const string Reply = "reply";
    public const string StageAdvanced = "stage-advanced";
    public const string Rerouted = "rerouted";
    public const string VerificationAdded = "verification-added";
    public const string Escalated = "escalated";
    public const string Resolved = "resolved";
    public const string Reopened = "reopened";
}

/// <summary>The current state of a ticket (one <c>tickets</c> row).</summary>
public sealed record Ticket
{
    public long Id { get; init; }
    public required string Number { get; init; }
    public required string CallerNationalId { get; init; }
    public string? CallerPhone { get; init; }
    public required string CaseType { get; init; }
    public int StageIndex { get; init; }
    public required string StageCode { get; init; }
    public required string OwningAgency { get; init; }
    public string? Assignee { get; init; }
    public required string Status { get; init; }
    public required string OpenedBy { get; init; }
    public DateTimeOffset OpenedAt { get; init; }
    public int HandOff { get; init; }
    public DateTimeOffset StageStartedAt { get; init; }
    public DateTimeOffset StageDue { get; init; }
    public DateTimeOffset JourneyDue { get; init; }
    public int? EscalatedHandOff { get; init; }
    public IReadOnlyDictionary<string, string> Details { get; init; } = new Dictionary<string, string>();
    public VerificationData Verification { get; init; } = new();
    public int Version { get; init; }
    public DateTimeOffset UpdatedAt { get; init; }

    public bool IsResolved => Status == TicketStatus.Resolved;

    public bool IsEscalated => EscalatedHandOff == HandOff;
}

/// <summary>What only the owning agency can see and adds to the ticket (seed 004's verification data).</summary>
public sealed record VerificationData
{
    public DateTimeOffset? PaymentAt { get; init; }
    public DateTimeOffset? CancelledAt { get; init; }
    public string? Channel { get; init; }
    public DateOnly? RefundedOn { get; init; }

    public bool IsEmpty => PaymentAt is null && CancelledAt is null && string.IsNullOrWhiteSpace(Channel) && RefundedOn is null;

    /// <summary>This data with the non-empty values of <paramref name="added"/> laid over it.</summary>
    public VerificationData Merge(VerificationData added) => new()
    {
        PaymentAt = added.PaymentAt ?? PaymentAt,
        CancelledAt = added.CancelledAt ?? CancelledAt,
        Channel = string.IsNullOrWhiteSpace(added.Channel) ? Channel : added.Channel.Trim(),
        RefundedOn = added.RefundedOn ?? RefundedOn,
    };
}

/// <summary>One entry of a ticket's history.</summary>
public sealed record TicketEvent(long Id, long TicketId, int Version, string Kind, string Actor, string ActorName, string Agency, DateTimeOffset At, string Data);

/// <summary>A call-back the agent who opened a ticket owes the caller once it is resolved.</summary>
public sealed record TicketCallback(long Id, long TicketId, string Number, string CaseType, string CallerNationalId, string? CallerPhone, DateTimeOffset CreatedAt);

/// <summary>Who is acting, from the signed-in user's claims.</summary>
public sealed record TicketActor(string Username, string DisplayName, string Role, string? Agency)
{
    public static TicketActor From(ClaimsPrincipal user)
    {
        var name = user.Identity?.Name ?? "";
        var role = Roles.All.FirstOrDefault(user.IsInRole) ?? "";
        return new TicketActor(name, user.FindFirst(CareDeskClaims.DisplayNameAr)?.Value ?? name, role, user.FindFirst(CareDeskClaims.Agency)?.Value);
    }

    public TicketScope Scope => TicketScope.For(Role, Agency);
}

/// <summary>
/// Which tickets a caller may read or change. Every store query puts it in its SQL
/// (<c>@AllAgencies OR owning_agency = @Agency</c>): a liaison reaches only the own agency's tickets.
/// </summary>
public sealed record TicketScope(bool AllAgencies, string? Agency)
{
    public static readonly TicketScope Nothing = new(false, null);

    public static TicketScope For(string role, string? agency) => role switch
    {
        Roles.Agent or Roles.Supervisor => new TicketScope(true, null),
        Roles.Liaison when !string.IsNullOrWhiteSpace(agency) => new TicketScope(false, agency),
        _ => Nothing,
    };

    public static TicketScope For(ClaimsPrincipal user) => TicketActor.From(user).Scope;
}

/// <summary>The outcome of a ticket command. A stale version gives <see cref="ConcurrencyConflict"/>, never an overwrite.</summary>
public abstract record TicketResult
{
    private TicketResult()
    {
    }

    public sealed record Ok(Ticket Ticket) : TicketResult;

    /// <summary>Someone changed the ticket since the caller read it; nothing was written.</summary>
    public sealed record ConcurrencyConflict(Ticket Current) : TicketResult;

    /// <summary>No such ticket in the caller's scope.</summary>
    public sealed record NotFound : TicketResult;

    /// <summary>The input or the ticket's state does not allow the command; nothing was written.</summary>
    public sealed record Invalid(string MessageKey) : TicketResult;

    /// <summary>The submission key had already opened this ticket (a retry or a double click); nothing new was written.</summary>
    public sealed record AlreadyOpened(Ticket Ticket) : TicketResult;

    /// <summary>The action key had already made this change (a retry after a lost answer, a double click); nothing new was written. The ticket as it is now.</summary>
    public sealed record AlreadySaved(Ticket Ticket) : TicketResult;
}
