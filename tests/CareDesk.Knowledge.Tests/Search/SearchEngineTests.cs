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
    public void Search_ArticleUsingManySynonymsOfOneWord_DoesNotOutrankTheOtherWordsArticle()
    {
        // The bank article says "return" five ways; the visa article says visa. Counted one clause a
        // synonym, the five ways outweighed the visa; counted as one concept, they are one word.
        SynonymTable synonyms = SynonymTable.FromGroups(
            [["ارجع", "ترجيع", "رجع", "يرجع", "استرداد", "استرجاع", "استرد", "استرجع"], ["فلوس", "مبلغ", "رسوم"], ["فيزا", "تأشيرة"]]);
        IndexDocument[] docs =
        [
            IndexDocument.FromText("bank", "كيف أسترد المبلغ من البنك: ترجيع الفلوس واسترجاع الرصيد، ارجع إلى البنك واطلب الاسترداد أو استرجع المبلغ"),
            IndexDocument.FromText("visa", "متى يعود مبلغ رسوم الفيزا بعد إلغاء التأشيرة في مساند"),
            IndexDocument.FromText("absher", "الاستعلام عن الرصيد في أبشر"),
            IndexDocument.FromText("etimad", "تسجيل الدخول إلى منصة اعتماد"),
        ];
        var index = KnowledgeIndex.Build(docs, synonyms);

        var hits = SearchEngine.Search(index, new SearchRequest { Query = "متى يرجع مبلغ الفيزا", Prefix = false }).Hits;

        Assert.Equal("visa", hits[0].Id);
        var lines = SearchEngine.Explain(index, "متى يرجع مبلغ الفيزا", "bank", prefix: false)!.Lines;
        Assert.Single(lines, l => l.Kind == "synonym" && l.Term.Contains("استرجاع", StringComparison.Ordinal));
    }

    [Fact]
    public void Search_WordTheSynonymTableKnows_IsNotTakenForATypo()
    {
        // يرجع is in no document, but it is a listed word, not a misspelling of يرفع.
        var synonyms = SynonymTable.FromGroups([["يرجع", "استرداد"]]);
        var index = KnowledgeIndex.Build([IndexDocument.FromText("raise", "يرفع الطلب إلى الجهة"), IndexDocument.FromText("refund", "طلب الاسترداد")], synonyms);

        var hits = SearchEngine.Search(index, new SearchRequest { Query = "يرجع", Prefix = false }).Hits;

        Assert.Equal("refund", hits[0].Id);
        Assert.DoesNotContain(SearchEngine.Explain(index, "يرجع", "raise", prefix: false)!.Lines, l => l.Kind == "fuzzy");
    }

    [Fact]
    public void Search_WordWithSynonyms_CountsItsOwnStemOnce()
    {
        // The synonym clause holds the rest of the concept, not the word again: where no document uses
        // the synonym (مصرف), a word with synonyms scores what it scores with no synonym table at all.
        IndexDocument[] docs = [IndexDocument.FromText("a", "بنك رصيد"), IndexDocument.FromText("b", "رصيد"), IndexDocument.FromText("c", "بنك البنوك")];
        var withSynonyms = KnowledgeIndex.Build(docs, SynonymTable.FromGroups([["بنك", "مصرف"]]));
        var without = KnowledgeIndex.Build(docs);

        var explained = SearchEngine.Explain(withSynonyms, "بنك", "c", prefix: false)!;

        Assert.DoesNotContain(explained.Lines, l => l.Kind == "synonym");
        Assert.Equal(SearchEngine.Explain(without, "بنك", "c", prefix: false)!.Score, explained.Score);
    }

    [Fact]
    public void Search_SpokenVerbFormNotListed_FindsTheSynonymsOfItsListedForm()
    {
        var synonyms = SynonymTable.FromGroups([["رجع", "استرداد"]]);
        var index = KnowledgeIndex.Build([IndexDocument.FromText("refund", "طلب الاسترداد"), IndexDocument.FromText("other", "طلب الدخول")], synonyms);

        var hits = SearchEngine.Search(index, new SearchRequest { Query = "رجعت", Prefix = false, Snippets = true }).Hits;

        Assert.Equal(["refund"], hits.Select(h => h.Id));
        Assert.Contains("<mark>الاسترداد</mark>", hits[0].Snippet);
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
