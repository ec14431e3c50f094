using CareDesk.Knowledge.Documents;

namespace CareDesk.Knowledge.Tests;

public class FaqFileTests
{
    [Fact]
    public void Parse_CanonicalFile_ReadsEveryField()
    {
        var result = FaqFile.Parse("a.md", FaqSamples.Canonical);

        Assert.Empty(result.Problems);
        var a = Assert.IsType<FaqArticle>(result.Article);
        Assert.Equal("visa-refund-after-72h", a.Id);
        Assert.Equal("visa-refund-after-72h", a.Topic);
        Assert.Equal("استرداد رسوم التأشيرة بعد 72 ساعة", a.TitleAr);
        Assert.Equal("Visa fee refund: after 72 hours", a.TitleEn);
        Assert.Equal(["استرداد رسوم التأشيرة", "إلغاء تأشيرة", "72", "a, b"], a.Keywords);
        Assert.Equal(["visa-fee-refund"], a.CaseTypes);
        Assert.Equal(["MOFA", "MOF"], a.Agencies);
        Assert.Equal(["Musaned", "Absher"], a.Channels);
        Assert.Equal(["004_28c49192f07a1128.txt"], a.Sources);
        Assert.Equal("published", a.Status);
        Assert.Equal(new DateOnly(2027, 5, 31), a.ReviewBy);
        Assert.StartsWith("## الإجابة المختصرة", a.Body);
        Assert.Equal(16, result.BodyStartLine);
        Assert.Equal(3, result.LineOf(FaqFields.Topic));
    }

    [Fact]
    public void Write_ParsedCanonicalFile_IsByteIdentical()
    {
        var article = FaqFile.Parse("a.md", FaqSamples.Canonical).Article!;

        Assert.Equal(FaqSamples.Canonical, FaqFile.Write(article));
    }

    [Fact]
    public void Write_NonCanonicalFile_NormalizesThenRoundTrips()
    {
        var messy = "\uFEFF---\r\nid: x-1\r\ntopic: mof-contact\r\ntitle_ar: 'عنوان'\r\nsummary_ar: >\r\n  ملخص\r\n  طويل\r\n" +
                    "keywords:\r\n  - أ\r\n  - ب\r\n---\r\n\r\n" + FaqSamples.Body.Replace("\n", "\r\n") + "\r\n\r\n";
        var first = FaqFile.Parse("m.md", messy);
        Assert.Empty(first.Problems);

        var written = FaqFile.Write(first.Article!);

        Assert.DoesNotContain('\r', written);
        Assert.EndsWith("\n", written);
        Assert.Contains("keywords: [أ, ب]\n", written);
        Assert.Contains("title_en: \"\"\n", written);
        Assert.Equal(written, FaqFile.Write(FaqFile.Parse("m.md", written).Article!));
    }

    [Theory]
    [InlineData("key: value")]
    [InlineData("- dash first")]
    [InlineData("ends with colon:")]
    [InlineData("hash #comment")]
    [InlineData("quote \" and back\\slash")]
    [InlineData("yes")]
    [InlineData("null")]
    [InlineData("12.5")]
    [InlineData("0x1F")]
    [InlineData("1:30")]
    [InlineData("1_000")]
    [InlineData(".inf")]
    [InlineData("2026-03-20")]
    [InlineData(" padded ")]
    [InlineData("[bracket]")]
    [InlineData("line\nbreak")]
    [InlineData("رسوم، تأشيرة؟")]
    public void Write_AwkwardStrings_ParseBackUnchanged(string value)
    {
        var article = FaqFile.Parse("a.md", FaqSamples.Canonical).Article! with
        {
            TitleEn = value,
            Keywords = [value, "plain"],
        };

        var back = FaqFile.Parse("a.md", FaqFile.Write(article));

        Assert.Empty(back.Problems);
        Assert.Equal(value.Trim(), back.Article!.TitleEn);
        Assert.Equal([value.Trim(), "plain"], back.Article.Keywords);
    }

    [Theory]
    [InlineData("id", "missing-field", 1)]
    [InlineData("topic", "missing-field", 1)]
    [InlineData("title_ar", "missing-field", 1)]
    [InlineData("summary_ar", "missing-field", 1)]
    public void Parse_RequiredFieldMissing_ReportsIt(string key, string code, int expectedLine)
    {
        var result = FaqFile.Parse("a.md", FaqSamples.With(key, null));

        var problem = Assert.Single(result.Problems);
        Assert.Equal(code, problem.Code);
        Assert.Equal(expectedLine, problem.Line);
        Assert.Contains(key, problem.MessageEn);
        Assert.Contains(key, problem.MessageAr);
    }

    [Fact]
    public void Parse_RequiredFieldMissing_ArticleNotReturned()
    {
        Assert.Null(FaqFile.Parse("a.md", FaqSamples.With("topic", null)).Article);
    }

    [Fact]
    public void Parse_MalformedYaml_ReportsFileLineAndYamlText()
    {
        var result = FaqFile.Parse("a.md", FaqSamples.With("title_en", "title_en: \"unterminated"));

        var problem = Assert.Single(result.Problems);
        Assert.Equal("bad-yaml", problem.Code);
        Assert.InRange(problem.Line, 5, 6);
        Assert.Contains("title_en: \"unterminated", problem.MessageEn);
        Assert.Null(result.Article);
    }

    [Fact]
    public void Parse_BadIndentation_ReportsYamlLine()
    {
        var result = FaqFile.Parse("a.md", FaqSamples.With("status", "status: published\n  bad: indent"));

        var problem = Assert.Single(result.Problems);
        Assert.Equal("bad-yaml", problem.Code);
        Assert.Equal("a.md", problem.File);
        Assert.Matches(@"^a\.md:1[45]: malformed YAML", problem.ToString());
    }

    [Theory]
    [InlineData("Visa-Refund")]
    [InlineData("visa_refund")]
    [InlineData("visa--refund")]
    [InlineData("-visa")]
    [InlineData("استرداد")]
    public void Parse_BadId_ReportsBadId(string id)
    {
        var result = FaqFile.Parse("a.md", FaqSamples.With("id", $"id: {id}"));

        var problem = Assert.Single(result.Problems);
        Assert.Equal("bad-id", problem.Code);
        Assert.Equal(2, problem.Line);
    }

    [Fact]
    public void Parse_UnknownStatus_ReportsBadStatus()
    {
        var problem = Assert.Single(FaqFile.Parse("a.md", FaqSamples.With("status", "status: live")).Problems);

        Assert.Equal("bad-status", problem.Code);
        Assert.Equal(13, problem.Line);
    }

    [Fact]
    public void Parse_StatusAbsent_DefaultsToPublished()
    {
        var result = FaqFile.Parse("a.md", FaqSamples.With("status", null));

        Assert.Empty(result.Problems);
        Assert.Equal("published", result.Article!.Status);
    }

    [Theory]
    [InlineData("2027-02-30")]
    [InlineData("31/05/2027")]
    [InlineData("soon")]
    public void Parse_BadDate_ReportsBadDate(string date)
    {
        var problem = Assert.Single(FaqFile.Parse("a.md", FaqSamples.With("review_by", $"review_by: {date}")).Problems);

        Assert.Equal("bad-date", problem.Code);
        Assert.Equal(14, problem.Line);
    }

    [Fact]
    public void Parse_UnknownField_ReportsIt()
    {
        var problem = Assert.Single(FaqFile.Parse("a.md", FaqSamples.With("status", "status: published\nauthor: someone")).Problems);

        Assert.Equal("unknown-field", problem.Code);
        Assert.Equal(14, problem.Line);
    }

    [Fact]
    public void Parse_ListGivenAsScalar_ReportsBadValue()
    {
        var problem = Assert.Single(FaqFile.Parse("a.md", FaqSamples.With("agencies", "agencies: {MOF: 1}")).Problems);

        Assert.Equal("bad-value", problem.Code);
    }

    [Fact]
    public void Parse_NoFrontMatter_ReportsLineOne()
    {
        var problem = Assert.Single(FaqFile.Parse("a.md", FaqSamples.Body).Problems);

        Assert.Equal(("no-front-matter", 1), (problem.Code, problem.Line));
    }

    [Fact]
    public void Parse_FrontMatterNotClosed_ReportsIt()
    {
        var problem = Assert.Single(FaqFile.Parse("a.md", "---\nid: a\n").Problems);

        Assert.Equal("front-matter-not-closed", problem.Code);
    }

    [Theory]
    [InlineData("## الإجابة المختصرة")]
    [InlineData("## الخطوات")]
    [InlineData("## القاعدة")]
    [InlineData("## الرد المعتمد")]
    public void Parse_SectionMissing_ReportsMissingSection(string heading)
    {
        var text = FaqSamples.Canonical.Replace(heading + "\n", "## أخرى\n");

        var problems = FaqFile.Parse("a.md", text).Problems;

        Assert.Contains(problems, p => p.Code == "missing-section" && p.MessageEn.Contains(heading) && p.Line == 15);
    }

    [Fact]
    public void Parse_StepsNotNumbered_ReportsNoSteps()
    {
        var text = FaqSamples.Canonical.Replace("1. تأكد", "- تأكد").Replace("2. اطلب", "- اطلب").Replace("3. إذا", "- إذا");

        var problem = Assert.Single(FaqFile.Parse("a.md", text).Problems);

        Assert.Equal("no-steps", problem.Code);
        Assert.Equal(19, problem.Line);
    }

    [Fact]
    public void Parse_RuleLineMissing_ReportsMissingRuleLine()
    {
        var text = FaqSamples.Canonical.Replace("- **التصعيد:** بعد 15 يوماً إلى ضابط اتصال وزارة الخارجية.\n", "");

        var problem = Assert.Single(FaqFile.Parse("a.md", text).Problems);

        Assert.Equal("missing-rule-line", problem.Code);
        Assert.Contains("التصعيد", problem.MessageAr);
    }

    [Fact]
    public void Write_EveryRepoArticle_IsStableAfterOneRewrite()
    {
        foreach (var path in Directory.EnumerateFiles(RepoPaths.ContentFaq, "*.md"))
        {
            var article = FaqFile.Parse(path, File.ReadAllText(path)).Article;
            Assert.NotNull(article);
            var canonical = FaqFile.Write(article);

            var again = FaqFile.Parse(path, canonical);

            Assert.Empty(again.Problems);
            Assert.Equal(canonical, FaqFile.Write(again.Article!));
            Assert.Equal(article.Body, again.Article!.Body);
            Assert.Equal(article.Keywords, again.Article.Keywords);
        }
    }
}
