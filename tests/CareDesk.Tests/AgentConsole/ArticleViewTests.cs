using CareDesk.Features.AgentConsole;
using CareDesk.Features.Knowledge;
using CareDesk.Knowledge.Documents;

namespace CareDesk.Tests.AgentConsole;

public class ArticleViewTests
{
    private const string Body = """
        ## الإجابة المختصرة
        يُسترد المبلغ آلياً خلال 15 يوماً. <script>alert(1)</script>

        ## الخطوات
        1. تأكد من التاريخين.
        2. أبلغ المتصل [بالرابط](javascript:alert(1)).

        ## القاعدة
        - **المهلة:** 15 يوماً.
        - **المسؤول:** وزارة الخارجية.
        - **التصعيد:** عبر 19990.

        ## الرد المعتمد
        > نشكر تواصلك، سيُسترد المبلغ خلال 15 يوماً.
        """;

    private static RenderedArticle Article(string body = Body) => RenderedArticle.From(new PublishedArticle(
        new FaqArticle
        {
            Id = "visa-refund-after-72h",
            Topic = "visa-refund-after-72h",
            TitleAr = "إلغاء التأشيرة بعد 72 ساعة",
            TitleEn = "Visa cancelled after 72 hours",
            Sources = ["004_28c49192f07a1128.txt", "unknown.txt"],
            Body = body,
        },
        3,
        new DateTimeOffset(2026, 11, 1, 21, 30, 0, TimeSpan.Zero)));

    private static Task<AngleSharp.Dom.IDocument> RenderAsync(RenderedArticle article, string culture = "ar-SA") =>
        ComponentRendering.RenderAsync<ArticleView>(new Dictionary<string, object?> { ["Article"] = article }, culture);

    [Fact]
    public async Task Render_CanonicalBody_ShowsEachSectionAndTheRuleAsLabelledLines()
    {
        var doc = await RenderAsync(Article());

        Assert.Equal("إلغاء التأشيرة بعد 72 ساعة", doc.QuerySelector("h2")!.TextContent.Trim());
        var headings = doc.QuerySelectorAll("h3").Select(h => h.TextContent.Trim()).ToList();
        Assert.Equal(["الإجابة المختصرة", "الخطوات", "القاعدة", "الرد المعتمد", "المصادر"], headings);
        Assert.Equal(2, doc.QuerySelectorAll("ol li").Length);
        var rule = doc.QuerySelector("aside.cd-rule")!;
        Assert.Equal(["المهلة", "المسؤول", "التصعيد"], rule.QuerySelectorAll("dt").Select(d => d.TextContent));
        Assert.Equal("وزارة الخارجية.", rule.QuerySelectorAll("dd")[1].TextContent);
        Assert.Contains("نشكر تواصلك", doc.QuerySelector(".cd-reply-text")!.TextContent);
    }

    [Fact]
    public async Task Render_HtmlAndScriptLinkInBody_EscapedAndLinkDropped()
    {
        var doc = await RenderAsync(Article());

        Assert.Empty(doc.QuerySelectorAll("script"));
        Assert.Contains("<script>alert(1)</script>", doc.QuerySelector(".cd-article-short")!.TextContent);
        Assert.DoesNotContain(doc.QuerySelectorAll("a"), a => (a.GetAttribute("href") ?? "").Contains("javascript", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task Render_Sources_KnownFileShowsItsTitleUnknownShowsFileName()
    {
        var doc = await RenderAsync(Article());

        var sources = doc.QuerySelectorAll(".cd-article-meta li").Select(li => li.TextContent).ToList();
        var known = ComponentRendering.Reference.SourceDocuments.SourceDocuments.Single(d => d.File == "004_28c49192f07a1128.txt");
        Assert.Equal([known.TitleAr, "unknown.txt"], sources);
    }

    [Fact]
    public async Task Render_ReviewedLate_ShowsRiyadhDateInBothCalendarsAndRevision()
    {
        var doc = await RenderAsync(Article());

        // 21:30 UTC on 1 November is already 2 November in Riyadh.
        Assert.Equal("آخر مراجعة: الاثنين 2 نوفمبر 2026م — 22 جمادى الأولى 1448هـ — الإصدار 3",
            doc.QuerySelector("[data-testid=article-reviewed]")!.TextContent);
    }

    [Fact]
    public async Task Render_English_TitleAndLabelsInEnglishReplyStaysArabic()
    {
        var doc = await RenderAsync(Article(), "en-US");

        Assert.Equal("Visa cancelled after 72 hours", doc.QuerySelector("h2")!.TextContent.Trim());
        Assert.Equal("Short answer", doc.QuerySelector("h3")!.TextContent.Trim());
        Assert.Equal("ar", doc.QuerySelector(".cd-reply-text")!.GetAttribute("lang"));
    }

    [Fact]
    public async Task Render_BodyWithoutSections_ShowsTheWholeBody()
    {
        var doc = await RenderAsync(Article("نص حر **بلا** عناوين."));

        Assert.Equal("بلا", doc.QuerySelector(".cd-article-body strong")!.TextContent);
        Assert.Null(doc.QuerySelector("aside.cd-rule"));
    }
}
