using System.Diagnostics;
using System.Runtime.CompilerServices;
using CareDesk.Features.Knowledge;
using CareDesk.Features.Search;
using CareDesk.Knowledge.Analysis;
using CareDesk.Knowledge.Documents;
using CareDesk.Testing;
using Xunit.Abstractions;

namespace CareDesk.Tests.Search;

/// <summary>
/// What the article half of the snapshot costs in memory, for <c>content/faq</c> and for 10,000 articles
/// made of its real bodies (recorded in docs/faults.md). The heap growth is measured with a full
/// collection before and after, so it is exact only when the test runs alone; the string total beside
/// it does not depend on what else runs.
/// </summary>
public sealed class KnowledgeSnapshotMemoryTests(ITestOutputHelper output)
{
    [Fact]
    public void Build_RealArticlesAndTenThousandCopies_ReportsRetainedBytes()
    {
        var real = FaqContentLoader.LoadDirectory(Path.Combine(TestPaths.RepoRoot, "content", "faq")).Articles
            .Where(a => a.Status == "published")
            .Select((a, i) => new PublishedArticle(a, 1, DateTimeOffset.UnixEpoch.AddDays(i)))
            .ToList();
        var synonyms = SynonymTable.Load(Path.Combine(TestPaths.RepoRoot, "seeds", "synonyms.json"));

        var (snapshotBytes, snapshot) = Retained(() => KnowledgeSnapshot.Build(real, synonyms));
        var (articleBytes, articles) = Retained(() => real.Select(RenderedArticle.From).ToList());
        var copies = Enumerable.Range(0, 10_000)
            .Select(i => real[i % real.Count] with { Article = real[i % real.Count].Article with { Id = $"{real[i % real.Count].Article.Id}-{i}" } })
            .ToList();
        var (tenThousandBytes, tenThousand) = Retained(() => copies.Select(RenderedArticle.From).ToList());

        output.WriteLine($"content/faq: {real.Count} articles; snapshot (index + articles) {Kb(snapshotBytes)}, articles alone {Kb(articleBytes)} ({Kb(articleBytes / real.Count)} each), strings {Kb(StringBytes(articles))}");
        output.WriteLine($"10,000 articles from real bodies: articles {Kb(tenThousandBytes)}, strings {Kb(StringBytes(tenThousand))}");
        output.WriteLine($"markdown bodies in the source documents: {Kb(real.Sum(p => 20L + 2 * p.Article.Body.Length))} for {real.Count}");

        Assert.Equal(real.Count, snapshot.ArticleCount);
        Assert.Equal(snapshot.Index.Count, snapshot.ArticleCount);
        // A generous ceiling: an article the console shows is a few KB of HTML and front matter.
        Assert.InRange(StringBytes(tenThousand) / tenThousand.Count, 1, 64 * 1024);
    }

    private (long Bytes, T Value) Retained<T>(Func<T> build, [CallerArgumentExpression(nameof(build))] string what = "")
    {
        var before = GC.GetTotalMemory(forceFullCollection: true);
        var clock = Stopwatch.StartNew();
        var value = build();
        output.WriteLine($"built in {clock.ElapsedMilliseconds} ms: {what}");
        var after = GC.GetTotalMemory(forceFullCollection: true);
        GC.KeepAlive(value);
        return (after - before, value);
    }

    // Every string an article holds (front matter and rendered HTML): 20 bytes of header and 2 a character.
    private static long StringBytes(IEnumerable<RenderedArticle> articles) => articles.Sum(a =>
        new[]
        {
            a.Front.Id, a.Front.Topic, a.Front.TitleAr, a.Front.TitleEn, a.Front.SummaryAr, a.Front.SummaryEn,
            a.Body.Html, a.Body.ShortAnswerHtml, a.Body.StepsHtml, a.Body.RuleHtml, a.Body.Deadline, a.Body.Responsible,
            a.Body.Escalation, a.Body.ReplyHtml, a.Body.ReplyText,
        }
        .Concat(a.Front.Keywords).Concat(a.Front.CaseTypes).Concat(a.Front.Agencies).Concat(a.Front.Channels).Concat(a.Front.Sources)
        .Sum(s => s is null ? 0L : 20L + 2 * s.Length));

    private static string Kb(long bytes) => $"{bytes / 1024.0:N1} KB";
}
