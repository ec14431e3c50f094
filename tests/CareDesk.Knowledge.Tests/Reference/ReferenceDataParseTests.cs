using System.Text;
using CareDesk.Knowledge.Reference;
using CareDesk.Knowledge.Validation;

namespace CareDesk.Knowledge.Tests;

/// <summary>Seed documents held outside files (the database keeps them whole) parse with the files' rules.</summary>
public sealed class ReferenceDataParseTests
{
    private static Dictionary<string, byte[]> RepoDocuments() =>
        ReferenceData.FileNames.ToDictionary(n => n, n => File.ReadAllBytes(Path.Combine(RepoPaths.Seeds, n)));

    [Fact]
    public void Parse_RepoDocuments_SameAsReadingTheFolder()
    {
        var (data, problems) = ReferenceData.Parse(RepoDocuments(), "db");

        Assert.Empty(problems);
        var files = ReferenceData.Load(RepoPaths.Seeds);
        Assert.Equal(files.Agencies.Agencies, data!.Agencies.Agencies);
        Assert.Equal(files.Liaisons.Liaisons, data.Liaisons.Liaisons);
        Assert.Equal(Path.Combine("db", "agencies.json"), data.PathOf(ReferenceData.AgenciesFileName));
    }

    [Fact]
    public void ToDocument_ThenParse_RoundTripsEveryFile()
    {
        var files = ReferenceData.Load(RepoPaths.Seeds);
        var documents = new Dictionary<string, byte[]>
        {
            [ReferenceData.AgenciesFileName] = ReferenceData.ToDocument(files.Agencies),
            [ReferenceData.LiaisonsFileName] = ReferenceData.ToDocument(files.Liaisons),
            [ReferenceData.CaseTypesFileName] = ReferenceData.ToDocument(files.CaseTypes),
            [ReferenceData.TemplatesFileName] = ReferenceData.ToDocument(files.Templates),
            [ReferenceData.HolidaysFileName] = ReferenceData.ToDocument(files.Holidays),
            [ReferenceData.DemoUsersFileName] = ReferenceData.ToDocument(files.DemoUsers),
            [ReferenceData.TopicsFileName] = ReferenceData.ToDocument(files.Topics),
            [ReferenceData.ChannelsFileName] = ReferenceData.ToDocument(files.Channels),
            [ReferenceData.SourceDocumentsFileName] = ReferenceData.ToDocument(files.SourceDocuments),
        };

        var (data, problems) = ReferenceData.Parse(documents, "db");

        Assert.Empty(problems);
        Assert.Empty(SeedValidator.Validate(data!));
        foreach (var name in ReferenceData.FileNames)
            Assert.Equal(Encoding.UTF8.GetString(documents[name]), Encoding.UTF8.GetString(ReferenceData.ToDocument(FileOf(data!, name))));
    }

    [Fact]
    public void Parse_MissingAndMalformedDocuments_ReportedLikeFiles()
    {
        var documents = RepoDocuments();
        documents.Remove(ReferenceData.TopicsFileName);
        documents[ReferenceData.ChannelsFileName] = Encoding.UTF8.GetBytes("{\n  \"channels\": [ oops ]\n}");

        var (data, problems) = ReferenceData.Parse(documents, "db");

        Assert.Null(data);
        Assert.Equal([("bad-json", 2), ("missing-seed", 0)], problems.Select(p => (p.Code, p.Line)).Order());
    }

    private static object FileOf(ReferenceData data, string name) => name switch
    {
        ReferenceData.AgenciesFileName => data.Agencies,
        ReferenceData.LiaisonsFileName => data.Liaisons,
        ReferenceData.CaseTypesFileName => data.CaseTypes,
        ReferenceData.TemplatesFileName => data.Templates,
        ReferenceData.HolidaysFileName => data.Holidays,
        ReferenceData.DemoUsersFileName => data.DemoUsers,
        ReferenceData.TopicsFileName => data.Topics,
        ReferenceData.ChannelsFileName => data.Channels,
        _ => data.SourceDocuments,
    };
}

public sealed class RolesInAgencyOrderTests
{
    [Fact]
    public void RolesInAgencyOrder_MapInAnotherOrder_FollowsTheAgenciesFileUnknownLast()
    {
        var data = ReferenceData.Load(RepoPaths.Seeds);
        var stage = data.FindCaseType("visa-fee-refund")!.Journey[1] with
        {
            Roles = new Dictionary<string, string> { ["ZZZ"] = "I", ["BANK"] = "I", ["MOFA"] = "A", ["MOF"] = "I", ["NIC"] = "C" },
        };

        Assert.Equal(["MOF", "NIC", "MOFA", "BANK", "ZZZ"], data.RolesInAgencyOrder(stage).Select(r => r.Key));
    }
}
