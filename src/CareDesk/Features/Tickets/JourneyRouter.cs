using CareDesk.Features.Reference;
using CareDesk.Knowledge.Calendar;
using CareDesk.Knowledge.Reference;

namespace CareDesk.Features.Tickets;

/// <summary>Where a ticket sits on its case type's journey: the stage, its owner, the pool of liaisons and the deadlines.</summary>
public sealed record StageRoute(
    int Index,
    JourneyStage Stage,
    string Agency,
    DateTimeOffset StageDue,
    DateTimeOffset JourneyDue,
    IReadOnlyList<Liaison> Pool);

/// <summary>
/// Routing from reference data: case type → journey stage → owning agency → the agency's liaison
/// directory; deadlines from each stage's SLA on the Saudi working calendar. Reads the node's current
/// <see cref="ReferenceSnapshot"/> on every call, so an admin's change routes the next ticket; a
/// ticket keeps the due times it was given.
/// </summary>
public sealed class JourneyRouter(ReferenceSnapshot snapshot)
{
    public ReferenceSnapshot Snapshot => snapshot;

    public ReferenceData Reference => snapshot.Current.Data;

    public SaudiWorkingCalendar Calendar => snapshot.Current.Calendar;

    public CaseType? FindCaseType(string code) => Reference.FindCaseType(code);

    /// <summary>Agencies a ticket can be handed or rerouted to (the owner agencies with liaison officers).</summary>
    public IReadOnlyList<Agency> RoutableAgencies =>
        Reference.Agencies.Agencies.Where(a => a.Kind == AgencyKind.Owner && a.Routable).ToList();

    public Agency? FindAgency(string code) => Reference.FindAgency(code);

    /// <summary>The stage <paramref name="stageCode"/> of case type <paramref name="caseType"/>'s journey, or null if either is unknown.</summary>
    public JourneyStage? FindStage(string caseType, string stageCode) =>
        FindCaseType(caseType)?.Journey.FirstOrDefault(s => s.Code == stageCode);

    public IReadOnlyList<Liaison> PoolOf(string agency) => PoolOf(Reference, agency);

    /// <summary>The route of a ticket entering stage <paramref name="index"/> at <paramref name="start"/>, held by the stage's owner.</summary>
    public StageRoute Enter(CaseType type, int index, DateTimeOffset start) => Enter(type, index, start, OwnerOf(type, index));

    /// <summary>
    /// The route of a ticket entering stage <paramref name="index"/> at <paramref name="start"/>, held by <paramref name="agency"/>.
    /// The stage, its SLA and the calendar come from the current snapshot (a caller's <paramref name="type"/> may be older).
    /// </summary>
    public StageRoute Enter(CaseType type, int index, DateTimeOffset start, string agency)
    {
        var (reference, calendar) = snapshot.Current;
        type = reference.FindCaseType(type.Code) ?? type;
        if (index < 0 || index >= type.Journey.Count)
            throw new ArgumentOutOfRangeException(nameof(index), $"case type {type.Code} has {type.Journey.Count} stage(s)");
        var stage = type.Journey[index];
        var stageDue = stage.DueAt(start, calendar);
        var journeyDue = stageDue;
        for (var i = index + 1; i < type.Journey.Count; i++)
            journeyDue = type.Journey[i].DueAt(journeyDue, calendar);
        return new StageRoute(index, stage, agency, stageDue, journeyDue, PoolOf(reference, agency));
    }

    private static IReadOnlyList<Liaison> PoolOf(ReferenceData reference, string agency) =>
        reference.Liaisons.Liaisons.Where(l => l.Agency == agency).OrderBy(l => l.Rank).ToList();

    private string OwnerOf(CaseType type, int index)
    {
        var current = FindCaseType(type.Code) ?? type;
        return current.Journey[index].Owner
            ?? throw new InvalidDataException($"stage {current.Journey[index].Code} of case type {type.Code} names no owner agency");
    }
}
