using System.Text.Json.Nodes;
using CareDesk.Knowledge.Documents;
using CareDesk.Knowledge.Reference;
using CareDesk.Knowledge.Validation;

namespace CareDesk.Knowledge.Tests;

public sealed class ContentValidatorTests : IDisposable
{
    private readonly SeedFixture _fixture = new();

    public void Dispose() => _fixture.Dispose();

    private ContentValidationResult Validate() => ContentValidator.Validate(_fixture.Content, _fixture.Seeds);

    private IReadOnlyList<ContentProblem> Problems(string code) => Validate().Problems.Where(p => p.Code == code).ToList();

    [Fact]
    public void Validate_RepoContentAndSeeds_HasNoProblems()
    {
        var result = ContentValidator.Validate(RepoPaths.ContentFaq, RepoPaths.Seeds);

        Assert.True(result.IsValid, string.Join('\n', result.Problems));
        Assert.Equal(result.TopicCount, result.TopicsCovered);
        Assert.Equal(10, result.CaseTypeCount);
    }

    [Fact]
    public void Validate_RepoSeeds_AgreeWithEachOther()
    {
        Assert.Empty(SeedValidator.Validate(ReferenceData.Load(RepoPaths.Seeds)));
    }

    [Fact]
    public void Validate_ValidArticle_CoversItsTopic()
    {
        _fixture.Article("a.md", FaqSamples.Canonical);

        var result = Validate();

        Assert.Equal(1, result.ArticleCount);
        Assert.Equal(1, result.TopicsCovered);
        Assert.Equal(27, result.Problems.Count);
        Assert.All(result.Problems, p => Assert.Equal("topic-without-article", p.Code));
        Assert.DoesNotContain(result.Problems, p => p.MessageEn.Contains("'visa-refund-after-72h'"));
    }

    [Fact]
    public void Validate_TopicWithoutArticle_PointsAtTopicsJsonLine()
    {
        var problem = Problems("topic-without-article").First();

        Assert.EndsWith("topics.json", problem.File);
        Assert.Equal(4, problem.Line);
        Assert.Contains("balance-definition", problem.MessageEn);
    }

    [Fact]
    public void Validate_DraftArticle_DoesNotCoverTopic()
    {
        _fixture.Article("a.md", FaqSamples.With("status", "status: draft"));

        Assert.Contains(Problems("topic-without-article"), p => p.MessageEn.Contains("'visa-refund-after-72h'"));
    }

    [Theory]
    [InlineData("topic", "topic: visa-refund-later", "unknown-topic", 3)]
    [InlineData("case_types", "case_types: [visa-refund]", "unknown-case-type", 9)]
    [InlineData("agencies", "agencies: [MOFA, JAWAZAT]", "unknown-agency", 10)]
    [InlineData("channels", "channels: [Musaned, absher]", "unknown-channel", 11)]
    [InlineData("sources", "sources: [004.txt]", "unknown-source-document", 12)]
    public void Validate_UnknownReference_ReportsArticleLine(string key, string line, string code, int expectedLine)
    {
        var path = _fixture.Article("a.md", FaqSamples.With(key, line));

        var problem = Assert.Single(Problems(code));

        Assert.Equal((path, expectedLine), (problem.File, problem.Line));
    }

    [Fact]
    public void Validate_DuplicateIds_ReportsSecondFile()
    {
        _fixture.Article("a.md", FaqSamples.Canonical);
        var second = _fixture.Article("b.md", FaqSamples.Canonical);

        Assert.Equal(second, Assert.Single(Problems("duplicate-id")).File);
    }

    [Fact]
    public void Validate_MissingRequiredField_ReportsIt()
    {
        _fixture.Article("a.md", FaqSamples.With("summary_ar", null));

        Assert.Contains("summary_ar", Assert.Single(Problems("missing-field")).MessageEn);
    }

    [Fact]
    public void Validate_LiaisonForUnknownAgency_ReportsLiaisonsLine()
    {
        _fixture.Edit("liaisons.json", n => n["liaisons"]![0]!["agency"] = "JAWAZAT");

        var problem = Assert.Single(Problems("unknown-agency"));

        Assert.EndsWith("liaisons.json", problem.File);
        Assert.Equal(4, problem.Line);
        Assert.Contains(Problems("liaison-count"), p => p.MessageEn.Contains("'MOF'"));
    }

    [Fact]
    public void Validate_StageWithoutOwner_ReportsStage()
    {
        _fixture.Edit("case-types.json", n => n["case_types"]![0]!["journey"]![1]!.AsObject().Remove("owner"));

        var problem = Assert.Single(Problems("stage-no-owner"));

        Assert.Contains("balance-inquiry/nic-verification", problem.MessageEn);
        Assert.EndsWith("case-types.json", problem.File);
        Assert.True(problem.Line > 1);
    }

    [Fact]
    public void Validate_StageOwnedByExternalParty_ReportsNotRoutable()
    {
        _fixture.Edit("case-types.json", n => n["case_types"]![1]!["journey"]![1]!["owner"] = "BANK");

        Assert.Single(Problems("owner-not-routable"));
    }

    [Fact]
    public void Validate_OwnerWithoutResponsibleRole_ReportsOwnerRole()
    {
        _fixture.Edit("case-types.json", n => n["case_types"]![9]!["journey"]![0]!["owner"] = "NIC");

        Assert.Contains("'NIC'", Assert.Single(Problems("owner-role")).MessageEn);
    }

    [Fact]
    public void Validate_StageRaciProblems_AreReported()
    {
        _fixture.Edit("case-types.json", n =>
        {
            var roles = n["case_types"]![0]!["journey"]![0]!["roles"]!;
            roles["NIC"] = "X";
            roles["MOFA"] = "A";
            roles["NOPE"] = "I";
        });

        Assert.Single(Problems("bad-role"));
        Assert.Single(Problems("accountable-count"));
        Assert.Single(Problems("unknown-agency"));
    }

    [Fact]
    public void Validate_StageWithTwoDeadlines_ReportsBadSla()
    {
        _fixture.Edit("case-types.json", n => n["case_types"]![0]!["journey"]![0]!["sla_hours"] = 24);

        Assert.Single(Problems("bad-sla"));
    }

    [Fact]
    public void Validate_CaseTypeUnknownFieldAndTopic_Reported()
    {
        _fixture.Edit("case-types.json", n =>
        {
            n["case_types"]![0]!["fields"]!.AsArray().Add(new JsonObject { ["field"] = "passport_number", ["required"] = true });
            n["case_types"]![0]!["topics"]!.AsArray().Add("balance");
        });

        Assert.Single(Problems("unknown-field"));
        Assert.Single(Problems("unknown-topic"));
    }

    [Fact]
    public void Validate_TemplatePlaceholderMismatch_Reported()
    {
        _fixture.Edit("templates.json", n => n["templates"]![0]!["text_en"] = "Dear customer, request {ticket_number} received.");

        Assert.Single(Problems("placeholder-mismatch"));
    }

    [Fact]
    public void Validate_TemplateUndeclaredPlaceholder_Reported()
    {
        _fixture.Edit("templates.json", n =>
        {
            n["templates"]![0]!["text_ar"] = "{caller_name} {ticket_number} {due_date}";
            n["templates"]![0]!["text_en"] = "{caller_name} {ticket_number} {due_date}";
        });

        Assert.Contains("caller_name", Assert.Single(Problems("unknown-placeholder")).MessageEn);
    }

    [Fact]
    public void Validate_CaseTypeWithoutResolutionTemplate_Reported()
    {
        _fixture.Edit("templates.json", n => n["templates"]!.AsArray().RemoveAt(4));

        Assert.Contains("balance-inquiry", Assert.Single(Problems("missing-template")).MessageEn);
    }

    [Fact]
    public void Validate_DemoUsersNotDemoOnly_Reported()
    {
        _fixture.Edit("demo-users.json", n => n["demo_only"] = false);

        Assert.Single(Problems("not-demo"));
    }

    [Fact]
    public void Validate_PublicChannelFromUnknownSource_Reported()
    {
        _fixture.Edit("liaisons.json", n => n["public_channels"]![0]!["source"] = "faq.txt");

        Assert.Single(Problems("unknown-source"));
    }

    [Fact]
    public void Validate_MalformedSeed_ReportsOnlyParseProblem()
    {
        File.WriteAllText(Path.Combine(_fixture.Seeds, "agencies.json"), "{ \"agencies\": [ }");

        var result = Validate();

        Assert.Equal("bad-json", Assert.Single(result.Problems).Code);
    }

    [Fact]
    public void Summary_ValidResult_NamesCounts()
    {
        var result = new ContentValidationResult([], 40, 28, 28, 10);

        Assert.StartsWith("40 articles, 28/28 topics covered, 10 case types — ", result.Summary);
    }
}
