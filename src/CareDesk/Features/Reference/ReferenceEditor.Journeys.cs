using CareDesk.Features.Audit;
using CareDesk.Knowledge.Reference;

namespace CareDesk.Features.Reference;

public sealed partial class ReferenceEditor
{
    /// <summary>
    /// Changes one stage's deadline and owner agency. Stages are neither added nor removed (tickets in
    /// flight hold stage indexes). The owner is the accountable agency: a new owner takes the previous
    /// owner's role letter and the previous owner becomes consulted (C). New tickets get deadlines from
    /// the new SLA; open tickets keep the due times they were given.
    /// </summary>
    public Task<ReferenceEditResult> UpdateStageAsync(string actor, string caseType, int index, JourneyStage expected, StageChange change, CancellationToken ct = default) =>
        EditAsync(actor, AuditActions.ReferenceStage, current =>
        {
            var type = current.FindCaseType(caseType);
            if (type is null || index < 0 || index >= type.Journey.Count || !Same(type.Journey[index], expected))
                return ReferenceEditResult.Conflict;
            var stored = type.Journey[index];
            var next = stored with { Owner = change.Owner, SlaWorkingDays = change.SlaWorkingDays, SlaHours = change.SlaHours, Roles = Reassign(stored, change.Owner) };
            var journey = type.Journey.Select((s, i) => i == index ? next : s).ToList();
            var caseTypes = current.CaseTypes with
            {
                CaseTypes = current.CaseTypes.CaseTypes.Select(c => c.Code == caseType ? c with { Journey = journey } : c).ToList(),
            };
            return new Change(new Dictionary<string, object> { [ReferenceData.CaseTypesFileName] = caseTypes },
                $"stage:{caseType}/{stored.Code}", stored, next);
        }, ct);

    private static IReadOnlyDictionary<string, string> Reassign(JourneyStage stage, string? owner)
    {
        if (owner is null || owner == stage.Owner || stage.Owner is null || !stage.Roles.TryGetValue(stage.Owner, out var letter))
            return stage.Roles;
        var roles = stage.Roles.ToDictionary(StringComparer.Ordinal);
        roles[stage.Owner] = "C";
        roles[owner] = letter;
        return roles;
    }
}

/// <summary>What the administrator may change in a stage: its owner and exactly one of its two kinds of deadline.</summary>
public sealed record StageChange(string? Owner, int? SlaWorkingDays, int? SlaHours);
