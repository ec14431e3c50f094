using CareDesk.Knowledge.Documents;
using CareDesk.Knowledge.Reference;

namespace CareDesk.Knowledge.Validation;

/// <summary>Cross-checks the seed files against each other (agencies, liaisons, channels, users, holidays…).</summary>
public static class SeedValidator
{
    /// <summary>The roles a user can hold.</summary>
    public static readonly IReadOnlyList<string> Roles = ["Agent", "Liaison", "Editor", "Reviewer", "Supervisor", "Admin"];

    /// <summary>Every problem in the loaded seed files; empty when they agree with each other.</summary>
    public static IReadOnlyList<ContentProblem> Validate(ReferenceData data)
    {
        var sink = new ProblemSink(data);
        Agencies(sink);
        Liaisons(sink);
        PublicChannels(sink);
        Channels(sink);
        Topics(sink);
        DemoUsers(sink);
        Holidays(sink);
        JourneyValidator.CaseTypes(sink);
        JourneyValidator.Templates(sink);
        return sink.Problems;
    }

    private static void Agencies(ProblemSink sink)
    {
        var agencies = sink.Data.Agencies.Agencies;
        sink.Duplicates(ReferenceData.AgenciesFileName, "$.agencies", agencies, a => a.Code, "agency code / رمز الجهة");
        for (var i = 0; i < agencies.Count; i++)
        {
            DirectoryRules.Agency(sink, i, agencies[i]);
            if (agencies[i] is { Kind: AgencyKind.External, Routable: true })
                sink.At(ReferenceData.AgenciesFileName, $"$.agencies[{i}].routable", "external-routable",
                    $"external party '{agencies[i].Code}' cannot be routable: only owner agencies have liaison inboxes",
                    $"الجهة الخارجية '{agencies[i].Code}' لا يمكن توجيه التذاكر إليها؛ فقط الجهات المالكة لها ضباط اتصال");
        }
    }

    private static void Liaisons(ProblemSink sink)
    {
        var liaisons = sink.Data.Liaisons.Liaisons;
        for (var i = 0; i < liaisons.Count; i++)
        {
            DirectoryRules.Liaison(sink, i, liaisons[i]);
            var agency = sink.Data.FindAgency(liaisons[i].Agency);
            if (agency is null)
                sink.At(ReferenceData.LiaisonsFileName, $"$.liaisons[{i}].agency", "unknown-agency",
                    $"liaison for unknown agency '{liaisons[i].Agency}'", $"ضابط اتصال لجهة غير معروفة '{liaisons[i].Agency}'");
            else if (agency.Kind != AgencyKind.Owner)
                sink.At(ReferenceData.LiaisonsFileName, $"$.liaisons[{i}].agency", "liaison-not-owner",
                    $"liaison for external party '{agency.Code}'; liaisons belong to owner agencies",
                    $"ضابط اتصال لجهة خارجية '{agency.Code}'؛ ضباط الاتصال للجهات المالكة فقط");
        }
        foreach (var owner in sink.Data.Agencies.Agencies.Where(a => a.Routable))
        {
            foreach (var rank in Enum.GetValues<LiaisonRank>())
            {
                var count = liaisons.Count(l => l.Agency == owner.Code && l.Rank == rank);
                if (count != 1)
                    sink.At(ReferenceData.LiaisonsFileName, "$.liaisons", "liaison-count",
                        $"agency '{owner.Code}' needs exactly one {rank.ToString().ToLowerInvariant()} liaison, found {count}",
                        $"الجهة '{owner.Code}' تحتاج ضابط اتصال {(rank == LiaisonRank.Primary ? "أساسياً" : "بديلاً")} واحداً بالضبط، والموجود {count}");
            }
        }
    }

    private static void PublicChannels(ProblemSink sink)
    {
        var channels = sink.Data.Liaisons.PublicChannels;
        sink.Duplicates(ReferenceData.LiaisonsFileName, "$.public_channels", channels, c => c.Code, "public channel code / رمز قناة التواصل");
        for (var i = 0; i < channels.Count; i++)
        {
            UnknownAgency(sink, ReferenceData.LiaisonsFileName, $"$.public_channels[{i}].agency", channels[i].Agency);
            UnknownSource(sink, ReferenceData.LiaisonsFileName, $"$.public_channels[{i}].source", channels[i].Source);
        }
    }

    private static void Channels(ProblemSink sink)
    {
        var channels = sink.Data.Channels.Channels;
        sink.Duplicates(ReferenceData.ChannelsFileName, "$.channels", channels, c => c.Code, "channel code / رمز القناة");
        for (var i = 0; i < channels.Count; i++)
            UnknownAgency(sink, ReferenceData.ChannelsFileName, $"$.channels[{i}].agency", channels[i].Agency);
    }

    private static void Topics(ProblemSink sink)
    {
        var topics = sink.Data.Topics.Topics;
        sink.Duplicates(ReferenceData.TopicsFileName, "$.topics", topics, t => t.Slug, "topic slug / رمز الموضوع");
        var numbers = sink.Data.SourceDocuments.SourceDocuments.Select(d => d.File.Split('_')[0]).ToHashSet(StringComparer.Ordinal);
        for (var i = 0; i < topics.Count; i++)
        {
            for (var j = 0; j < topics[i].Sources.Count; j++)
            {
                if (!numbers.Contains(topics[i].Sources[j]))
                    sink.At(ReferenceData.TopicsFileName, $"$.topics[{i}].sources[{j}]", "unknown-source",
                        $"topic source '{topics[i].Sources[j]}' is not the number of a source document",
                        $"مصدر الموضوع '{topics[i].Sources[j]}' ليس رقم وثيقة مصدر");
            }
        }
    }

    private static void DemoUsers(ProblemSink sink)
    {
        const string file = ReferenceData.DemoUsersFileName;
        var demo = sink.Data.DemoUsers;
        if (!demo.DemoOnly)
            sink.At(file, "$.demo_only", "not-demo", "demo_only must be true: these accounts have public passwords",
                "يجب أن تكون قيمة demo_only صحيحة: كلمات مرور هذه الحسابات معروفة");
        sink.Duplicates(file, "$.users", demo.Users, u => u.Username, "username / اسم المستخدم");
        for (var i = 0; i < demo.Users.Count; i++)
        {
            var user = demo.Users[i];
            if (!Roles.Contains(user.Role))
                sink.At(file, $"$.users[{i}].role", "unknown-role", $"unknown role '{user.Role}' (allowed: {string.Join(", ", Roles)})",
                    $"الدور '{user.Role}' غير معروف");
            UnknownAgency(sink, file, $"$.users[{i}].agency", user.Agency);
            if (user.Role == "Liaison" && sink.Data.FindAgency(user.Agency ?? "") is not { Routable: true })
                sink.At(file, $"$.users[{i}].agency", "liaison-agency", $"liaison user '{user.Username}' must belong to a routable owner agency",
                    $"مستخدم ضابط الاتصال '{user.Username}' يجب أن يتبع جهة مالكة");
        }
        foreach (var role in Roles.Where(r => r != "Liaison" && demo.Users.All(u => u.Role != r)))
            sink.At(file, "$.users", "missing-persona", $"no demo user with role '{role}'", $"لا يوجد مستخدم تجريبي بالدور '{role}'");
        foreach (var owner in sink.Data.Agencies.Agencies.Where(a => a.Routable && demo.Users.All(u => u.Role != "Liaison" || u.Agency != a.Code)))
            sink.At(file, "$.users", "missing-persona", $"no demo liaison for agency '{owner.Code}'", $"لا يوجد ضابط اتصال تجريبي للجهة '{owner.Code}'");
    }

    private static void Holidays(ProblemSink sink)
    {
        const string file = ReferenceData.HolidaysFileName;
        var rules = sink.Data.Holidays;
        DirectoryRules.ExtraHolidays(sink, rules.ExtraDates);
        for (var i = 0; i < rules.GregorianFixed.Count; i++)
        {
            var r = rules.GregorianFixed[i];
            // 2000 is a leap year, so 29 February is accepted.
            if (r.Month is < 1 or > 12 || r.Day < 1 || r.Day > DateTime.DaysInMonth(2000, r.Month) || r.LengthDays < 1)
                sink.At(file, $"$.gregorian_fixed[{i}]", "bad-holiday", $"holiday '{r.Code}' has an impossible month, day or length",
                    $"الإجازة '{r.Code}' شهرها أو يومها أو مدتها غير صحيحة");
        }
        for (var i = 0; i < rules.Hijri.Count; i++)
        {
            var r = rules.Hijri[i];
            if (r.Month is < 1 or > 12 || r.Day is < 1 or > 29 || r.LengthDays < 1)
                sink.At(file, $"$.hijri[{i}]", "bad-holiday", $"Hijri holiday '{r.Code}' needs month 1–12, day 1–29 (every Hijri month has 29 days) and a length",
                    $"الإجازة الهجرية '{r.Code}' تحتاج شهراً من 1 إلى 12 ويوماً من 1 إلى 29 ومدة");
        }
    }

    internal static void UnknownAgency(ProblemSink sink, string file, string path, string? code)
    {
        if (code is not null && sink.Data.FindAgency(code) is null)
            sink.At(file, path, "unknown-agency", $"unknown agency '{code}'", $"الجهة '{code}' غير معروفة");
    }

    private static void UnknownSource(ProblemSink sink, string file, string path, string source)
    {
        if (sink.Data.SourceDocuments.SourceDocuments.All(d => d.File != source))
            sink.At(file, path, "unknown-source", $"'{source}' is not one of the source documents", $"'{source}' ليس من الوثائق المصدر");
    }
}
