using System.Net;
using System.Text;
using CareDesk.Knowledge.Analysis;
using CareDesk.Knowledge.Documents;
using CareDesk.Knowledge.Index;
using CareDesk.Knowledge.Search;

namespace CareDesk.Knowledge.Tests.Search;

/// <summary>
/// Snippets from the stored token offsets equal those of the re-analysing implementation they
/// replaced (<see cref="ReferenceSnippets"/>), hit for hit, and keep its contract: escaped text,
/// <c>&lt;mark&gt;</c> around the original spelling of each matched word, cut between words.
/// </summary>
public class SnippetsTests
{
    private static SynonymTable Synonyms => SynonymTable.Load(Path.Combine(TestPaths.RepoRoot, "seeds", "synonyms.json"));

    [Fact]
    public void Build_DevQueriesOnFaqContent_SameAsReanalysing()
    {
        var loaded = FaqContentLoader.LoadDirectory(Path.Combine(TestPaths.RepoRoot, "content", "faq"));
        var index = KnowledgeIndex.Build(loaded.Articles.Where(a => a.Status == "published"), Synonyms);
        var queries = SearchEvaluation.ReadQueries(Path.Combine(TestPaths.SearchEval, "dev.tsv")).Select(q => q.Query).ToList();
        var compared = 0;
        var marked = 0;
        foreach (var query in queries)
        {
            compared += AssertSame(index, new SearchRequest { Query = query, Prefix = false, Top = 64 }, ref marked);

            // As the agent types: every prefix of the query, the last word matched as a prefix.
            for (var n = 1; n < query.Length; n++)
            {
                compared += AssertSame(index, new SearchRequest { Query = query[..n], Top = 10 }, ref marked);
            }

            compared += AssertSame(index, new SearchRequest { Query = Misspell(query), Top = 10 }, ref marked);
        }

        Assert.True(compared > 20_000, $"only {compared} snippets compared");
        Assert.True(marked > compared / 2, $"only {marked} of {compared} snippets mark a word");
    }

    [Fact]
    public void Build_Q2qSample_SameAsReanalysing()
    {
        var dir = Path.Combine(TestPaths.SearchEval, "q2q");
        var index = KnowledgeIndex.Build(SearchEvaluation.ReadCorpus(Path.Combine(dir, "corpus.tsv")), Synonyms);
        var queries = SearchEvaluation.ReadQueries(Path.Combine(dir, "queries.tsv")).Select(q => q.Query).ToList();
        var compared = 0;
        var marked = 0;
        for (var i = 0; i < queries.Count; i += 4)
        {
            compared += AssertSame(index, new SearchRequest { Query = queries[i], Prefix = false }, ref marked);
            compared += AssertSame(index, new SearchRequest { Query = queries[i][..(2 * queries[i].Length / 3)] }, ref marked);
            compared += AssertSame(index, new SearchRequest { Query = Misspell(queries[i]) }, ref marked);
        }

        Assert.True(compared > 7_000, $"only {compared} snippets compared");
        Assert.True(marked > compared / 2, $"only {marked} of {compared} snippets mark a word");
    }

    public static TheoryData<string, string> EdgeCases => new()
    {
        // Empty and blank fields: the next preferred field gives the snippet, or none does.
        { "", "بطاقة" },
        { "   \n\t ", "بطاقة" },
        { "!!! ؟؟ ...", "بطاقة" },

        // Lam-alef ligatures and presentation forms, expanded by NFKC (one character becomes two):
        // the mark must cover the ligature as written and everything after it must stay in place.
        { "ﻻ يمكن ﺍﻟﺒﻄﺎﻗﺔ استرداد ﻻﺳﺘﺮﺩﺍﺩ المبلغ بعد ﻻ ﺍﻹﺳﺘﺮﺩﺍﺩ", "استرداد البطاقة" },
        { "الﻹسترداد ﷲ ﷺ ثم البطاقة", "الاسترداد بطاقة" },

        // Tatweel, diacritics, zero-width joiners inside words.
        { "اسـتـرداد المـبـلـغ بِالبِطَاقَةِ الْمَصْرِفِيَّةِ ثم البطا\u200Cقة", "استرداد بطاقة مصرفية" },

        // Mixed Latin and Arabic, digits of both scripts, script changes inside one run.
        { "رقم IBAN الـiban خلال 48ساعة أو ٤٨ ساعة، code: SA03 8000", "iban 48 ساعه" },
        { "Refund of the <b>card</b> & fees: refunds take 72h", "refund card" },

        // Markdown and HTML: cleaned, escaped, never passed through.
        { "## الخطوات\n1. ادخل إلى **الخدمات** | `رمز` <script>alert('x')</script> &amp; _البطاقة_", "الخدمات بطاقه script" },

        // Long texts: the best window, not the first match.
        { string.Join(' ', Enumerable.Repeat("كلام عادي لا علاقة له", 60)) + " البطاقة والاسترداد والبطاقات " + string.Join(' ', Enumerable.Repeat("نص", 80)), "بطاقة استرداد" },

        // A word of 70,000 letters and a gap of 70,000 marks: offsets past 16 bits.
        { new string('ب', 70_000) + " البطاقة " + new string('!', 70_000) + " استرداد", "بطاقة استرداد" },
        { "البطاقة " + new string('-', 66_000) + " " + new string('س', 65_535) + " استرداد " + new string('ك', 65_534) + " بطاقه", "بطاقة استرداد" },
    };

    [Theory]
    [MemberData(nameof(EdgeCases))]
    public void Build_EdgeCases_SameAsReanalysingAndMarksTheOriginalText(string body, string query)
    {
        var docs = new[]
        {
            Doc("a", title: "البطاقة", summary: "", body: body),
            Doc("b", title: "عنوان", summary: body, body: "البطاقة"),
            Doc("c", title: "استرداد البطاقة", summary: "  ", body: ""),
            Doc("d", title: body, summary: "غير ذلك", body: ""),
        };
        var index = KnowledgeIndex.Build(docs);
        var marked = 0;
        foreach (var prefix in new[] { false, true })
        {
            var request = new SearchRequest { Query = query, Prefix = prefix, Top = 10 };
            Assert.True(AssertSame(index, request, ref marked) > 0);
            foreach (var hit in SearchEngine.Search(index, request).Hits)
            {
                AssertMarksOriginalText(index.Documents[index.IndexOf(hit.Id)], hit.Snippet);
            }
        }
    }

    [Fact]
    public void Build_LigatureAndDiacritics_MarkSpansTheOriginalSpelling()
    {
        var index = KnowledgeIndex.Build([Doc("a", title: "x", summary: "قبل ﻻﺳﺘﺮﺩﺍﺩ بِالبَطَاقَةِ وبعدُ", body: "")]);
        var snippet = SearchEngine.Search(index, new SearchRequest { Query = "لاسترداد البطاقة", Prefix = false }).Hits.Single().Snippet;
        Assert.Equal("قبل <mark>ﻻﺳﺘﺮﺩﺍﺩ</mark> <mark>بِالبَطَاقَةِ</mark> وبعدُ", snippet);
    }

    [Fact]
    public void Build_SummaryInArabicAndEnglish_SnippetStaysInTheLanguageOfTheMatch()
    {
        var article = new FaqArticle
        {
            Id = "bilingual",
            Topic = "t",
            TitleAr = "عنوان",
            SummaryAr = "ادخل إلى منصة أبشر ثم افتح خدمة الرصيد المتبقي للمدفوعات الحكومية ليظهر لك المبلغ",
            SummaryEn = "Sign in to Absher and open the remaining balance service to see the amount",
        };
        var index = KnowledgeIndex.Build([article]);

        var arabic = SearchEngine.Search(index, new SearchRequest { Query = "الرصيد المتبقي", Prefix = false }).Hits.Single().Snippet;
        var english = SearchEngine.Search(index, new SearchRequest { Query = "remaining balance", Prefix = false }).Hits.Single().Snippet;

        Assert.Contains("<mark>الرصيد</mark>", arabic);
        Assert.DoesNotContain("Absher", arabic);
        Assert.Contains("<mark>remaining</mark>", english);
        Assert.DoesNotContain("المبلغ", english);
        Assert.False(english.StartsWith('…'), english);
        Assert.DoesNotContain("\u00B6", arabic + english);
        Assert.DoesNotContain("&#182;", arabic + english);
    }

    [Fact]
    public void Build_EveryFaqQuery_NoSnippetShowsTheLanguageBreak()
    {
        var loaded = FaqContentLoader.LoadDirectory(Path.Combine(TestPaths.RepoRoot, "content", "faq"));
        var index = KnowledgeIndex.Build(loaded.Articles.Where(a => a.Status == "published"), Synonyms);
        var queries = SearchEvaluation.ReadQueries(Path.Combine(TestPaths.SearchEval, "dev.tsv")).Select(q => q.Query);
        foreach (var q in queries.Append("absher").Append("iban"))
        {
            foreach (var hit in SearchEngine.Search(index, new SearchRequest { Query = q, Top = 10 }).Hits)
            {
                Assert.DoesNotContain("\u00B6", hit.Snippet);
                Assert.DoesNotContain("&#182;", hit.Snippet);
            }
        }
    }

    [Fact]
    public void PlainText_FaqFieldsAndWhiteSpaceOfEveryKind_SameAsBefore()
    {
        var loaded = FaqContentLoader.LoadDirectory(Path.Combine(TestPaths.RepoRoot, "content", "faq"));
        var texts = loaded.Articles.SelectMany(a => KnowledgeIndex.ToDocument(a).Fields.Select(f => f.Text)).ToList();
        texts.AddRange(["", " ", "a", " a ", "a\nb", "a\tb", "a  b", "a\u00A0b", "a\u2003\u2003b", "\u3000ب\u3000", "a\u0085b", "a\u001Fb", "**a**", "# ب | ت `x` _y_", "a \n b", "\n\nب\n\n", "ب\u200Cت ث", new string(' ', 2000) + "ب"]);
        char[]? buffer = null;
        foreach (var text in texts)
        {
            var expected = ReferenceSnippets.PlainText(text);
            Assert.Equal(expected, SnippetTokens.PlainText(text));
            Assert.Equal(expected, new string(SnippetTokens.PlainText(text, ref buffer)));
        }
    }

    [Fact]
    public void Builder_WordSeenWithTwoStems_KeepsEachPair()
    {
        var builder = new SnippetTokens.Builder();
        AnalyzedToken Token(string term, int start) => new(term, "", 0, start, term.Length, TokenKind.Arabic);
        builder.AddField(FieldNames.Body, "ab ab ab", [Token("ab", 0), Token("ab", 3), Token("ab", 6)], ["s1", "s2", "s1"]);
        builder.EndDocument();
        TermPostings P(int id) => new([0], [1f], 1f, id);
        var store = builder.Build(new() { ["ab"] = P(0) }, new() { ["s1"] = P(1), ["s2"] = P(2) });
        var pairs = store.Forms.Select(f => (store.FormWords[2 * f], store.FormWords[(2 * f) + 1])).ToList();
        Assert.Equal([(0, 1), (0, 2), (0, 1)], pairs);
        Assert.Equal([0x0000_0002u, 0x0001_0002u, 0x0001_0002u], store.Spans);
    }

    [Fact]
    public void Build_NoTokenStoredForNonSnippetFields()
    {
        var doc = new IndexDocument { Id = "x", Fields = [new IndexField("other", "نص طويل جدا"), new IndexField(FieldNames.Text, "بطاقة")] };
        var index = KnowledgeIndex.Build([doc]);
        Assert.Equal((0, 0), index.Snippets.Range(0, 0));
        Assert.Equal(1, index.Snippets.Range(0, 1).Count);
        Assert.Equal("<mark>بطاقة</mark>", SearchEngine.Search(index, new SearchRequest { Query = "بطاقه" }).Hits.Single().Snippet);
    }

    /// <summary>Searches <paramref name="request"/> and compares every hit's snippet with the reference; returns how many.</summary>
    private static int AssertSame(KnowledgeIndex index, SearchRequest request, ref int marked)
    {
        var tokens = new List<AnalyzedToken>();
        var clauses = new List<Clause>();
        QueryCompiler.Compile(index, request.Query, request.Prefix, tokens, clauses);
        var result = SearchEngine.Search(index, request);
        foreach (var hit in result.Hits)
        {
            var expected = ReferenceSnippets.Build(index, index.Documents[index.IndexOf(hit.Id)], clauses);
            Assert.True(expected == hit.Snippet, $"query «{request.Query}» prefix={request.Prefix} doc {hit.Id}:\nexpected {expected}\nactual   {hit.Snippet}");
            marked += hit.Snippet.Contains("<mark>", StringComparison.Ordinal) ? 1 : 0;
        }

        return result.Hits.Count;
    }

    /// <summary>
    /// The snippet, unescaped and without its marks and ellipses, is a run of the document's cleaned
    /// field text that begins and ends between words, and each mark holds a whole token as written.
    /// </summary>
    private static void AssertMarksOriginalText(IndexDocument doc, string snippet)
    {
        if (snippet.Length == 0)
        {
            return;
        }

        Assert.DoesNotContain("<b>", snippet);
        Assert.DoesNotContain("<script", snippet);
        var plain = WebUtility.HtmlDecode(snippet.Replace("<mark>", "").Replace("</mark>", "")).Trim('…');
        var field = doc.Fields.Select(f => SnippetTokens.PlainText(f.Text)).First(t => t.Contains(plain, StringComparison.Ordinal));
        var at = field.IndexOf(plain, StringComparison.Ordinal);
        Assert.True(at == 0 || char.IsWhiteSpace(field[at - 1]), "a snippet starts at a word");
        Assert.True(at + plain.Length == field.Length || char.IsWhiteSpace(field[at + plain.Length]), "a snippet ends after a word");

        var words = new List<RawToken>();
        Tokenizer.Tokenize(field, words);
        var surfaces = words.Select(w => field.Substring(w.Start, w.Length)).ToHashSet(StringComparer.Ordinal);
        for (var i = snippet.IndexOf("<mark>", StringComparison.Ordinal); i >= 0; i = snippet.IndexOf("<mark>", i + 1, StringComparison.Ordinal))
        {
            var end = snippet.IndexOf("</mark>", i, StringComparison.Ordinal);
            var word = WebUtility.HtmlDecode(snippet[(i + 6)..end]);
            Assert.Contains(word, surfaces);
        }
    }

    /// <summary>The first word of four letters or more with one letter replaced (a typo the fuzzy clauses find).</summary>
    private static string Misspell(string query)
    {
        var words = query.Split(' ');
        var i = Array.FindIndex(words, w => w.Length >= 4);
        if (i < 0)
        {
            return query;
        }

        var chars = words[i].ToCharArray();
        chars[chars.Length / 2] = chars[chars.Length / 2] == 'ر' ? 'ز' : 'ر';
        words[i] = new string(chars);
        return string.Join(' ', words);
    }

    private static IndexDocument Doc(string id, string title, string summary, string body) => new()
    {
        Id = id,
        Fields =
        [
            new IndexField(FieldNames.Title, title),
            new IndexField(FieldNames.Keywords, ""),
            new IndexField(FieldNames.Summary, summary),
            new IndexField(FieldNames.Body, body),
        ],
    };
}
