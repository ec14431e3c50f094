using CareDesk.Features.Reference;
using CareDesk.Knowledge.Reference;

namespace CareDesk.Features.Admin.Reference;

/// <summary>
/// The case journeys on <c>/admin</c>: per case type its stages in order with owner, roles and SLA;
/// one stage's owner and SLA can be changed (stages are never added or removed: open tickets hold
/// stage indexes). New tickets get deadlines from the new SLA.
/// </summary>
public sealed partial class JourneysSection
{
    private StageForm? _form;

    private string AgencyName(string? code) => code is not null && Data.FindAgency(code) is { } a ? Name(a.NameAr, a.NameEn) : code ?? "—";

    private string Roles(JourneyStage stage) =>
        string.Join(" · ", Data.RolesInAgencyOrder(stage).Select(r => $"{r.Value}: {AgencyName(r.Key)}"));

    private static string Sla(JourneyStage stage) => Tickets.TicketView.Sla(stage);

    private void Edit(string caseType, int index)
    {
        ClearOutcome();
        var type = Data.FindCaseType(caseType);
        _form = type is null ? null : StageForm.From(type, index);
    }

    private Task SaveAsync()
    {
        if (_form is not { } form)
            return Task.CompletedTask;
        if (form.Amount is not > 0)
        {
            Refuse("admin.journeys.error.number");
            return Task.CompletedTask;
        }
        return ChangeAsync("change a stage",
            actor => Editor.UpdateStageAsync(actor, form.CaseType, form.Index, form.Read, form.ToChange()),
            result =>
            {
                if (result.IsSaved)
                    _form = null;
                else if (result.Outcome == ReferenceEditOutcome.Conflict)
                    Edit(form.CaseType, form.Index);
            });
    }

    private sealed class StageForm
    {
        public required string CaseType { get; init; }

        public required int Index { get; init; }

        public required JourneyStage Read { get; init; }

        public required string Title { get; init; }

        public string Owner { get; set; } = "";

        public string Kind { get; set; } = "days";

        public int? Amount { get; set; }

        public static StageForm From(CaseType type, int index)
        {
            var stage = type.Journey[index];
            return new StageForm
            {
                CaseType = type.Code, Index = index, Read = stage,
                Title = $"{Name(type.NameAr, type.NameEn)} / {index + 1}. {Name(stage.NameAr, stage.NameEn)}",
                Owner = stage.Owner ?? "", Kind = stage.SlaHours is null ? "days" : "hours", Amount = stage.SlaWorkingDays ?? stage.SlaHours,
            };
        }

        public StageChange ToChange() => Kind == "hours" ? new StageChange(Owner, null, Amount) : new StageChange(Owner, Amount, null);
    }
}
