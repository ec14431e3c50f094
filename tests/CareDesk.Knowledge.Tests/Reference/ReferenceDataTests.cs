using CareDesk.Knowledge.Reference;

namespace CareDesk.Knowledge.Tests;

public sealed class ReferenceDataTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("seeds-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static readonly ReferenceData Repo = ReferenceData.Load(RepoPaths.Seeds);

    [Fact]
    public void Load_RepoSeeds_ReadsEveryFile()
    {
        Assert.Equal(["MOF", "PASSPORTS", "NIC", "MOFA", "BANK", "MUSANED", "MOI", "ETIMAD", "SADAD"],
            Repo.Agencies.Agencies.Select(a => a.Code));
        Assert.All(Repo.Agencies.Agencies.Where(a => a.Kind == AgencyKind.Owner), a => Assert.True(a.Routable));
        Assert.All(Repo.Agencies.Agencies.Where(a => a.Kind == AgencyKind.External), a => Assert.False(a.Routable));
        Assert.Equal(28, Repo.Topics.Topics.Count);
        Assert.Equal(8, Repo.Channels.Channels.Count);
        Assert.Equal(5, Repo.SourceDocuments.SourceDocuments.Count);
        Assert.True(Repo.DemoUsers.DemoOnly);
    }

    [Fact]
    public void Load_RepoSeeds_HasTheAgreedCaseTypeCodes()
    {
        Assert.Equal(
            ["balance-inquiry", "balance-refund", "refund-delayed", "other-payer-account", "pre-sadad-refund",
             "payment-not-reflected", "visa-fee-refund", "visa-status", "etimad-debt", "general-inquiry"],
            Repo.CaseTypes.CaseTypes.Select(c => c.Code));
    }

    [Fact]
    public void Load_RepoSeeds_JourneysFollowSeed004()
    {
        Assert.Equal("NIC", Repo.FindCaseType("payment-not-reflected")!.Journey[^1].Owner);
        Assert.Equal("PASSPORTS", Repo.FindCaseType("pre-sadad-refund")!.Journey[^1].Owner);
        var mofa = Repo.FindCaseType("visa-fee-refund")!.Journey.Single(s => s.Owner == "MOFA");
        Assert.Equal(15 * 24, mofa.SlaHours);
        var delayed = Repo.FindCaseType("refund-delayed")!.Journey;
        Assert.Equal(("MOF", "BANK"), (delayed[0].Owner, delayed[1].Roles.Single(r => r.Value == "R").Key));
        Assert.Equal(3, Repo.FindCaseType("balance-refund")!.Journey.Single(s => s.Code == "bank-refund").SlaWorkingDays);
    }

    [Fact]
    public void Load_RepoSeeds_LiaisonsAreSamplesWithAPrimaryAndBackupPerOwner()
    {
        foreach (var owner in Repo.Agencies.Agencies.Where(a => a.Kind == AgencyKind.Owner))
        {
            var people = Repo.Liaisons.Liaisons.Where(l => l.Agency == owner.Code).ToList();
            Assert.Equal([LiaisonRank.Primary, LiaisonRank.Backup], people.Select(p => p.Rank));
        }
        Assert.All(Repo.Liaisons.Liaisons, l =>
        {
            Assert.True(l.Sample);
            Assert.EndsWith("(عينة)", l.NameAr);
            Assert.EndsWith("(sample)", l.NameEn);
            Assert.EndsWith("@example.gov.sa", l.Email);
            Assert.StartsWith("+966 11 000 ", l.Phone);
        });
    }

    [Theory]
    [InlineData("MOF-19990", "19990")]
    [InlineData("MOF-CARE-X", "@MoFCare")]
    [InlineData("MOF-EMAIL", "ccc@mof.gov.sa")]
    [InlineData("ETIMAD-1990", "1990")]
    [InlineData("REFUND-SUPPORT", "920020405")]
    public void Load_RepoSeeds_PublicChannelsStateTheSeedFacts(string code, string value)
    {
        var channel = Repo.Liaisons.PublicChannels.Single(c => c.Code == code);

        Assert.Equal(value, channel.Value);
        var seed = File.ReadAllText(Path.Combine(RepoPaths.Root, "..", "shared", "seeds", channel.Source));
        Assert.Contains(value, seed);
    }

    [Fact]
    public void Load_RepoSeeds_TemplatesCoverEveryCaseType()
    {
        var codes = Repo.Templates.Templates.Select(t => t.Code).ToHashSet();

        Assert.Subset(codes, new HashSet<string> { "acknowledgement", "more-info-request", "rerouted" });
        Assert.All(Repo.CaseTypes.CaseTypes, c => Assert.Contains("resolution-" + c.Code, codes));
    }

    [Fact]
    public void Render_Placeholders_AreFilled()
    {
        var ack = Repo.FindTemplate("acknowledgement")!;

        var text = ack.Render("ar", new Dictionary<string, string> { ["ticket_number"] = "CD-1001", ["due_date"] = "غداً" });

        Assert.Contains("CD-1001", text);
        Assert.Contains("غداً", text);
        Assert.DoesNotContain("{", text);
        Assert.Equal(["ticket_number", "due_date"], ResponseTemplate.PlaceholdersIn(ack.TextEn));
    }

    [Fact]
    public void Read_MissingFile_ReportsMissingSeed()
    {
        var (data, problems) = ReferenceData.Read(_dir);

        Assert.Null(data);
        Assert.Equal(ReferenceData.FileNames.Count, problems.Count);
        Assert.All(problems, p => Assert.Equal("missing-seed", p.Code));
    }

    [Fact]
    public void Read_MalformedJson_ReportsFileAndLine()
    {
        CopyRepoSeeds();
        File.WriteAllText(Path.Combine(_dir, "channels.json"), "{\n  \"channels\": [\n    { \"code\": \"Absher\", }\n  ]\n}\n");

        var problem = Assert.Single(ReferenceData.Read(_dir).Problems);

        Assert.Equal(("bad-json", 3), (problem.Code, problem.Line));
        Assert.EndsWith("channels.json", problem.File);
    }

    [Fact]
    public void Read_UnknownProperty_ReportsBadJson()
    {
        CopyRepoSeeds();
        File.WriteAllText(Path.Combine(_dir, "channels.json"),
            "{\n  \"channels\": [\n    { \"code\": \"Absher\", \"name_ar\": \"أبشر\", \"name_en\": \"Absher\",\n      \"nmae\": \"x\" }\n  ]\n}\n");

        var problem = Assert.Single(ReferenceData.Read(_dir).Problems);

        Assert.Equal("bad-json", problem.Code);
        Assert.Contains("nmae", problem.MessageEn);
    }

    [Fact]
    public void Read_RequiredPropertyMissing_ReportsBadJson()
    {
        CopyRepoSeeds();
        File.WriteAllText(Path.Combine(_dir, "channels.json"), "{\n  \"channels\": [\n    { \"code\": \"Absher\", \"name_ar\": \"أبشر\" }\n  ]\n}\n");

        var problem = Assert.Single(ReferenceData.Read(_dir).Problems);

        Assert.Equal("bad-json", problem.Code);
        Assert.Contains("name_en", problem.MessageEn);
    }

    [Fact]
    public void Load_BrokenSeeds_ThrowsWithProblems()
    {
        var ex = Assert.Throws<InvalidDataException>(() => ReferenceData.Load(_dir));

        Assert.Contains("agencies.json", ex.Message);
    }

    private void CopyRepoSeeds()
    {
        foreach (var file in Directory.EnumerateFiles(RepoPaths.Seeds, "*.json"))
            File.Copy(file, Path.Combine(_dir, Path.GetFileName(file)));
    }
}
