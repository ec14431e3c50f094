using CareDesk.Features.Audit;
using CareDesk.Features.Accounts;
using CareDesk.Knowledge.Reference;
using Dapper;

namespace CareDesk.Features.Reference;

/// <summary>An agency as the admin page edits it: the agency and, for an owner agency, its two liaison officers.</summary>
public sealed record AgencyEntry(Agency Agency, Liaison? Primary, Liaison? Backup)
{
    /// <summary>The entry of agency <paramref name="code"/> in <paramref name="data"/>, or null.</summary>
    public static AgencyEntry? Of(ReferenceData data, string code) =>
        data.FindAgency(code) is { } agency
            ? new AgencyEntry(agency, LiaisonOf(data, code, LiaisonRank.Primary), LiaisonOf(data, code, LiaisonRank.Backup))
            : null;

    private static Liaison? LiaisonOf(ReferenceData data, string code, LiaisonRank rank) =>
        data.Liaisons.Liaisons.FirstOrDefault(l => l.Agency == code && l.Rank == rank);
}

public sealed partial class ReferenceEditor
{
    /// <summary>
    /// Saves an agency's names, routability and liaison officers. <paramref name="expected"/> is the
    /// entry as the administrator read it: if the stored one differs, nothing is written (conflict).
    /// A liaison's user name must be a liaison account of that agency, so the agency's notices reach them.
    /// </summary>
    public async Task<ReferenceEditResult> UpdateAgencyAsync(string actor, AgencyEntry expected, AgencyEntry next, CancellationToken ct = default)
    {
        var code = expected.Agency.Code;
        if (next.Agency.Code != code || next.Primary is { } p && (p.Agency, p.Rank) != (code, LiaisonRank.Primary)
            || next.Backup is { } b && (b.Agency, b.Rank) != (code, LiaisonRank.Backup))
            return ReferenceEditResult.Refused("admin.ref.error.identity");
        foreach (var liaison in new[] { next.Primary, next.Backup })
        {
            if (liaison?.Username is { Length: > 0 } user && !await IsLiaisonUserAsync(user, code, ct))
                return ReferenceEditResult.Refused("admin.agencies.error.username");
        }
        return await EditAsync(actor, AuditActions.ReferenceAgency, current =>
        {
            var stored = AgencyEntry.Of(current, code);
            if (stored is null || !Same(stored, expected))
                return ReferenceEditResult.Conflict;
            var agencies = current.Agencies with
            {
                Agencies = current.Agencies.Agencies.Select(a => a.Code == code ? next.Agency : a).ToList(),
            };
            var liaisons = current.Liaisons with { Liaisons = Replace(current.Liaisons.Liaisons, next.Primary, next.Backup) };
            return new Change(
                new Dictionary<string, object> { [ReferenceData.AgenciesFileName] = agencies, [ReferenceData.LiaisonsFileName] = liaisons },
                "agency:" + code, stored, next);
        }, ct);
    }

    private static List<Liaison> Replace(IReadOnlyList<Liaison> all, params Liaison?[] entries)
    {
        var list = all.ToList();
        foreach (var entry in entries.OfType<Liaison>())
        {
            var at = list.FindIndex(l => l.Agency == entry.Agency && l.Rank == entry.Rank);
            if (at >= 0)
                list[at] = entry;
            else
                list.Add(entry);
        }
        return list;
    }

    private async Task<bool> IsLiaisonUserAsync(string userName, string agency, CancellationToken ct)
    {
        await using var conn = await dataSource.OpenConnectionAsync(ct);
        return await conn.ExecuteScalarAsync<bool>(new CommandDefinition("""
            SELECT EXISTS (SELECT 1 FROM users WHERE normalized_user_name = upper(@userName) AND role = @Liaison AND agency = @agency)
            """, new { userName, agency, Roles.Liaison }, cancellationToken: ct));
    }
}
