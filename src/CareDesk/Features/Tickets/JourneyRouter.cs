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
/// directory; deadlines from each stage's SLA on the Saudi working calendar.
/// </summary>
public sealed class JourneyRouter(ReferenceData reference, SaudiWorkingCalendar calendar)
{
    public ReferenceData Reference => reference;

    public SaudiWorkingCalendar Calendar => calendar;

    public CaseType? FindCaseType(string code) => reference.FindCaseType(code);

    /// <summary>Agencies a ticket can be handed or rerouted to (the owner agencies with liaison officers).</summary>
    public IReadOnlyList<Agency> RoutableAgencies =>
        reference.Agencies.Agencies.Where(a => a.Kind == AgencyKind.Owner && a.Routable).ToList();

    public Agency? FindAgency(string code) => reference.FindAgency(code);

    /// <summary>The stage <paramref name="stageCode"/> of case type <paramref name="caseType"/>'s journey, or null if either is unknown.</summary>
    public JourneyStage? FindStage(string caseType, string stageCode) =>
        FindCaseType(caseType)?.Journey.FirstOrDefault(s => s.Code == stageCode);

    public IReadOnlyList<Liaison> PoolOf(string agency) =>
        reference.Liaisons.Liaisons.Where(l => l.Agency == agency).OrderBy(l => l.Rank).ToList();

    /// <summary>The route of a ticket entering stage <paramref name="index"/> at <paramref name="start"/>, held by the stage's owner.</summary>
    public StageRoute Enter(CaseType type, int index, DateTimeOffset start) => Enter(type, index, start, OwnerOf(type, index));

    /// <summary>The route of a ticket entering stage <paramref name="index"/> at <paramref name="start"/>, held by <paramref name="agency"/>.</summary>
    public StageRoute Enter(CaseType type, int index, DateTimeOffset start, string agency)
    {
        if (index < 0 || index >= type.Journey.Count)
            throw new ArgumentOutOfRangeException(nameof(index), $"case type {type.Code} has {type.Journey.Count} stage(s)");
        var stage = type.Journey[index];
        var stageDue = stage.DueAt(start, calendar);
        var journeyDue = stageDue;
        for (var i = index + 1; i < type.Journey.Count; i++)
            journeyDue = type.Journey[i].DueAt(journeyDue, calendar);
        return new StageRoute(index, stage, agency, stageDue, journeyDue, PoolOf(agency));
    }

    private static string OwnerOf(CaseType type, int index) =>
        type.Journey[index].Owner
        ?? throw new InvalidDataException($"stage {type.Journey[index].Code} of case type {type.Code} names no owner agency");
}
