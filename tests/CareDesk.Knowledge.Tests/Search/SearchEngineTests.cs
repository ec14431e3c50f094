using CareDesk.Knowledge.Analysis;
using CareDesk.Knowledge.Documents;
using CareDesk.Knowledge.Index;
using CareDesk.Knowledge.Search;

namespace CareDesk.Knowledge.Tests.Search;

public class SearchEngineTests
{
    private static readonly FaqArticle[] Articles =
    [
        new()
        {
            Id = "refund-bank", Topic = "refund-via-bank", TitleAr = "استرداد رصيد المدفوعات الحكومية عن طريق البنك",
            SummaryAr = "ادخل إلى حسابك في البنك الذي دفعت منه واختر المدفوعات الحكومية والاسترداد.",
            Keywords = ["ترجيع الفلوس", "البنك"], CaseTypes = ["balance-refund"], Agencies = ["MOF", "BANK"],
            Body = "## الخطوات\n1. ادخل إلى **الخدمات البنكية**.\n2. اختر «استرداد».",
        },
        new()
        {
            Id = "visa-cancel", Topic = "visa-cancel-musaned", TitleAr = "إلغاء تأشيرة صادرة من مساند",
            SummaryAr = "تلغى التأشيرة من منصة مساند نفسها.", Keywords = ["الغاء الفيزا"], CaseTypes = ["visa-refund"], Agencies = ["MOFA"],
            Body = "تحقق من حالة التأشيرة في أبشر قبل الإلغاء.",
        },
        new()
        {
            Id = "absher-balance", Topic = "balance-inquiry-absher", TitleAr = "الاستعلام عن الرصيد المتبقي في أبشر",
            TitleEn = "Checking the remaining balance in Absher", SummaryAr = "من أبشر أفراد: الاستعلامات الإلكترونية ثم رصيد الخدمات.",
            Agencies = ["MOI"], Body = "سجل الدخول برقم الهوية أو الإقامة.",
        },
        new()
        {
            Id = "archived", Topic = "refund-via-bank", TitleAr = "استرداد قديم", Status = "archived",
        },
    ];

    private static readonly SynonymTable Synonyms = SynonymTable.FromGroups([["فلوس", "مبلغ", "رسوم"], ["ابشر", "absher"], ["فيزا", "تأشيرة"]]);

    private static readonly KnowledgeIndex Index = KnowledgeIndex.Build(Articles, Synonyms);

    private static SearchResult Search(string query, bool prefix = false) =>
        SearchEngine.Search(Index, new SearchRequest { Query = query, Prefix = prefix });

    [Theory]
    [InlineData("استرداد من البنك", "refund-bank")]
    [InlineData("كيف ارجع فلوسي من البنك", "refund-bank")]
    [InlineData("الغاء الفيزا من مساند", "visa-cancel")]
    [InlineData("رصيدي في absher", "absher-balance")]
    [InlineData("الإستعلام عن الرصيد", "absher-balance")]
    public void Search_TypicalQuery_RanksTheArticleFirst(string query, string expected) =>
        Assert.Equal(expected, Search(query).Hits[0].Id);

    [Fact]
    public void Search_ArchivedArticle_NotIndexed() =>
        Assert.DoesNotContain(Search("استرداد قديم").Hits, h => h.Id == "archived");

    [Fact]
    public void Search_TypoOfOneLetter_StillFinds()
    {
        // مساند typed as مسامد: distance 1 on a five-letter word.
        Assert.Equal("visa-cancel", Search("مسامد").Hits[0].Id);
    }

    [Fact]
    public void Search_PartialLastWord_MatchesAsPrefixWhileTyping()
    {
        Assert.Equal("absher-balance", Search("رصيد الاستعلا", prefix: true).Hits[0].Id);
        var lines = SearchEngine.Explain(Index, "رصيد الاستعلا", "absher-balance", prefix: true)!.Lines;
        Assert.Contains(lines, l => l.Kind == "prefix" && l.Term == "الاستعلام");
        lines = SearchEngine.Explain(Index, "رصيد الاستعلا", "absher-balance", prefix: false)!.Lines;
        Assert.DoesNotContain(lines, l => l.Kind == "prefix");
    }

    [Fact]
    public void Search_ExactForm_RanksAboveStemOnlyMatch()
    {
        var docs = new[] { IndexDocument.FromText("stem", "البطاقات"), IndexDocument.FromText("exact", "بطاقتي") };
        var index = KnowledgeIndex.Build(docs);
        var hits = SearchEngine.Search(index, new SearchRequest { Query = "بطاقتي", Prefix = false }).Hits;
        Assert.Equal(["exact", "stem"], hits.Select(h => h.Id));
    }

    [Fact]
    public void Search_Filters_KeepOnlyMatchingCaseTypeAndAgency()
    {
        var r = SearchEngine.Search(Index, new SearchRequest { Query = "استرداد التأشيرة البنك", CaseType = "visa-refund" });
        Assert.Equal(["visa-cancel"], r.Hits.Select(h => h.Id));
        r = SearchEngine.Search(Index, new SearchRequest { Query = "استرداد التأشيرة البنك", Agency = "bank" });
        Assert.Equal(["refund-bank"], r.Hits.Select(h => h.Id));
    }

    [Fact]
    public void Search_Snippet_IsEscapedAndMarksMatches()
    {
        var docs = new[] { IndexDocument.FromText("x", "<b>تنبيه</b> الاسترداد يتم خلال 3 أيام & أكثر") };
        var hit = SearchEngine.Search(KnowledgeIndex.Build(docs), new SearchRequest { Query = "استرداد" }).Hits.Single();
        Assert.Contains("<mark>الاسترداد</mark>", hit.Snippet);
        Assert.Contains("&lt;b&gt;", hit.Snippet);
        Assert.Contains("&amp;", hit.Snippet);
        Assert.DoesNotContain("<b>", hit.Snippet);
    }

    [Fact]
    public void Explain_Hit_LinesSumToTheScore()
    {
        var hit = Search("استرداد رصيد البنك").Hits[0];
        var explanation = SearchEngine.Explain(Index, "استرداد رصيد البنك", hit.Id, prefix: false)!;
        Assert.Equal(hit.Score, explanation.Score, 3);
        Assert.Contains(explanation.Lines, l => l.Kind == "stem" && l.Term == "بنك");
        Assert.Contains("stem:بنك", explanation.ToString());
    }

    [Fact]
    public void Search_EmptyOrPunctuationQuery_NoHits()
    {
        Assert.Empty(Search("").Hits);
        Assert.Empty(Search("؟؟ ، !!").Hits);
    }

    [Fact]
    public void Swap_NewSnapshot_SeenByNextSearch()
    {
        var engine = new SearchEngine(KnowledgeIndex.Build([IndexDocument.FromText("a", "استرداد")]));
        Assert.Equal("a", engine.Search(new SearchRequest { Query = "استرداد" }).Hits[0].Id);
        var old = engine.Swap(KnowledgeIndex.Build([IndexDocument.FromText("b", "استرداد")]));
        Assert.Equal("b", engine.Search(new SearchRequest { Query = "استرداد" }).Hits[0].Id);
        Assert.Equal("a", old.Documents[0].Id);
    }

    [Fact]
    public async Task Search_ConcurrentWithSwaps_NeverFails()
    {
        var engine = new SearchEngine(Index);
        var stop = DateTime.UtcNow.AddMilliseconds(300);
        var searchers = Enumerable.Range(0, 4).Select(_ => Task.Run(() =>
        {
            while (DateTime.UtcNow < stop)
            {
                Assert.NotNull(engine.Search(new SearchRequest { Query = "استرداد البنك" }));
            }
        })).ToArray();
        while (DateTime.UtcNow < stop)
        {
            engine.Swap(KnowledgeIndex.Build(Articles, Synonyms));
        }

        await Task.WhenAll(searchers);
    }
}
