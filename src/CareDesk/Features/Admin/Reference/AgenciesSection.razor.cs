using CareDesk.Features.Reference;
using CareDesk.Knowledge.Reference;

namespace CareDesk.Features.Admin.Reference;

/// <summary>
/// The agencies and their liaison directory on <c>/admin</c>: the list, and one agency's form
/// (names, routable, primary and backup liaison). Saving goes through <see cref="ReferenceEditor"/>
/// with the entry as it was read, so a change made meanwhile by another administrator is reported.
/// </summary>
public sealed partial class AgenciesSection
{
    private AgencyForm? _form;

    private void Edit(string code)
    {
        ClearOutcome();
        _form = AgencyEntry.Of(Data, code) is { } entry ? AgencyForm.From(entry) : null;
    }

    private Task SaveAsync() => _form is not { } form ? Task.CompletedTask : ChangeAsync("save an agency",
        actor => Editor.UpdateAgencyAsync(actor, form.Read, form.ToEntry()),
        result =>
        {
            if (result.IsSaved)
                _form = null;
            else if (result.Outcome == ReferenceEditOutcome.Conflict)
                _form = AgencyEntry.Of(Data, form.Code) is { } entry ? AgencyForm.From(entry) : null;
        });

    /// <summary>The form's fields as typed; <see cref="Read"/> is the entry they were filled from.</summary>
    private sealed class AgencyForm
    {
        public required AgencyEntry Read { get; init; }

        public string Code => Read.Agency.Code;

        public string NameAr { get; set; } = "";

        public string NameEn { get; set; } = "";

        public bool Routable { get; set; }

        public List<LiaisonForm> Liaisons { get; } = [];

        public static AgencyForm From(AgencyEntry entry)
        {
            var form = new AgencyForm { Read = entry, NameAr = entry.Agency.NameAr, NameEn = entry.Agency.NameEn, Routable = entry.Agency.Routable };
            if (entry.Agency.Kind == AgencyKind.Owner)
            {
                form.Liaisons.Add(LiaisonForm.From(entry.Primary, entry.Agency.Code, LiaisonRank.Primary));
                form.Liaisons.Add(LiaisonForm.From(entry.Backup, entry.Agency.Code, LiaisonRank.Backup));
            }
            return form;
        }

        public AgencyEntry ToEntry() => new(
            Read.Agency with { NameAr = NameAr.Trim(), NameEn = NameEn.Trim(), Routable = Routable },
            Liaisons.FirstOrDefault(l => l.Rank == LiaisonRank.Primary)?.ToLiaison(),
            Liaisons.FirstOrDefault(l => l.Rank == LiaisonRank.Backup)?.ToLiaison());
    }

    private sealed class LiaisonForm
    {
        public required Liaison? Read { get; init; }

        public required string Agency { get; init; }

        public required LiaisonRank Rank { get; init; }

        public string NameAr { get; set; } = "";

        public string NameEn { get; set; } = "";

        public string TitleAr { get; set; } = "";

        public string TitleEn { get; set; } = "";

        public string Phone { get; set; } = "";

        public string Email { get; set; } = "";

        public string Username { get; set; } = "";

        public static LiaisonForm From(Liaison? l, string agency, LiaisonRank rank) => new()
        {
            Read = l, Agency = agency, Rank = rank,
            NameAr = l?.NameAr ?? "", NameEn = l?.NameEn ?? "", TitleAr = l?.TitleAr ?? "", TitleEn = l?.TitleEn ?? "",
            Phone = l?.Phone ?? "", Email = l?.Email ?? "", Username = l?.Username ?? "",
        };

        public Liaison ToLiaison() => new()
        {
            Agency = Agency, Rank = Rank, NameAr = NameAr.Trim(), NameEn = NameEn.Trim(), TitleAr = TitleAr.Trim(), TitleEn = TitleEn.Trim(),
            Phone = Tickets.TicketFormValidator.Normalize(Phone), Email = Email.Trim(), Username = string.IsNullOrWhiteSpace(Username) ? null : Username.Trim(), Sample = Read?.Sample ?? false,
        };
    }
}
