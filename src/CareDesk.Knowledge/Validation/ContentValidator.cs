using CareDesk.Knowledge.Calendar;
using CareDesk.Knowledge.Documents;
using CareDesk.Knowledge.Reference;

namespace CareDesk.Knowledge.Validation;

/// <summary>The outcome of validating content and seeds together.</summary>
/// <param name="Problems">Every problem found, articles first, then seeds.</param>
/// <param name="ArticleCount">Valid articles read.</param>
/// <param name="TopicsCovered">Topics with at least one published article.</param>
/// <param name="TopicCount">Topics in <c>seeds/topics.json</c>.</param>
/// <param name="CaseTypeCount">Case types in <c>seeds/case-types.json</c>.</param>
public sealed record ContentValidationResult(
    IReadOnlyList<ContentProblem> Problems, int ArticleCount, int TopicsCovered, int TopicCount, int CaseTypeCount)
{
    /// <summary>True when nothing is wrong.</summary>
    public bool IsValid => Problems.Count == 0;

    /// <summary>One line: articles, topics covered, case types — in English and Arabic.</summary>
    public string Summary =>
        $"{ArticleCount} articles, {TopicsCovered}/{TopicCount} topics covered, {CaseTypeCount} case types — " +
        $"{CountedNoun.Article.Arabic(ArticleCount)}، {TopicsCovered}/{TopicCount} من الموضوعات مغطاة، {CountedNoun.CaseType.Arabic(CaseTypeCount)}";
}

/// <summary>
/// Checks <c>content/faq</c> and <c>seeds/</c> together: every file parses, every article names known
/// topics, case types, agencies, channels and source documents, ids are unique, every topic has a
/// published article, and the seeds agree with each other (see <see cref="SeedValidator"/>).
/// </summary>
public static class ContentValidator
{
    /// <summary>Validates a content directory against a seeds directory.</summary>
    public static ContentValidationResult Validate(string contentDir, string seedsDir)
    {
        var content = FaqContentLoader.LoadDirectory(contentDir);
        var (data, seedProblems) = ReferenceData.Read(seedsDir);
        var problems = new List<ContentProblem>(content.Problems);
        if (data is null)
        {
            problems.AddRange(seedProblems);
            return new ContentValidationResult(problems, content.Articles.Count, 0, 0, 0);
        }
        problems.AddRange(ValidateArticles(content, data));
        problems.AddRange(SeedValidator.Validate(data));
        var covered = Covered(content, data);
        return new ContentValidationResult(problems, content.Articles.Count, covered.Count, data.Topics.Topics.Count, data.CaseTypes.CaseTypes.Count);
    }

    /// <summary>Checks loaded articles against the reference data (not the seeds among themselves).</summary>
    public static IReadOnlyList<ContentProblem> ValidateArticles(FaqContentLoadResult content, ReferenceData data)
    {
        var problems = new List<ContentProblem>();
        var topics = data.Topics.Topics.Select(t => t.Slug).ToHashSet(StringComparer.Ordinal);
        var caseTypes = data.CaseTypes.CaseTypes.Select(c => c.Code).ToHashSet(StringComparer.Ordinal);
        var agencies = data.Agencies.Agencies.Select(a => a.Code).ToHashSet(StringComparer.Ordinal);
        var channels = data.Channels.Channels.Select(c => c.Code).ToHashSet(StringComparer.Ordinal);
        var sources = data.SourceDocuments.SourceDocuments.Select(d => d.File).ToHashSet(StringComparer.Ordinal);

        foreach (var file in content.Files)
        {
            if (file.Article is not { } article)
                continue;
            void Unknown(string key, IEnumerable<string> values, ISet<string> known, string en, string ar)
            {
                foreach (var value in values.Where(v => !known.Contains(v)))
                    problems.Add(new ContentProblem(file.Path, file.LineOf(key), "unknown-" + en.Replace(' ', '-'),
                        $"unknown {en} '{value}' (known: {string.Join(", ", known.Order(StringComparer.Ordinal))})", $"{ar} '{value}' غير معروف"));
            }
            Unknown(FaqFields.Topic, [article.Topic], topics, "topic", "الموضوع");
            Unknown(FaqFields.CaseTypes, article.CaseTypes, caseTypes, "case type", "نوع الحالة");
            Unknown(FaqFields.Agencies, article.Agencies, agencies, "agency", "رمز الجهة");
            Unknown(FaqFields.Channels, article.Channels, channels, "channel", "رمز القناة");
            Unknown(FaqFields.Sources, article.Sources, sources, "source document", "المصدر");
        }

        var covered = Covered(content, data);
        var map = data.Lines.GetValueOrDefault(ReferenceData.TopicsFileName) ?? JsonLineMap.Empty;
        for (var i = 0; i < data.Topics.Topics.Count; i++)
        {
            var slug = data.Topics.Topics[i].Slug;
            if (!covered.Contains(slug))
                problems.Add(new ContentProblem(data.PathOf(ReferenceData.TopicsFileName), map.LineOf($"$.topics[{i}].slug"), "topic-without-article",
                    $"topic '{slug}' has no published article", $"الموضوع '{slug}' ليس له مقال منشور"));
        }
        return problems;
    }

    private static HashSet<string> Covered(FaqContentLoadResult content, ReferenceData data) =>
        content.Articles
            .Where(a => a.Status == "published")
            .Select(a => a.Topic)
            .Where(t => data.Topics.Topics.Any(x => x.Slug == t))
            .ToHashSet(StringComparer.Ordinal);
}
