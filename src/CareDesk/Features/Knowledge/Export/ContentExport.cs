using System.Text;
using System.Text.Json;
using CareDesk.Knowledge.Documents;
using Dapper;
using Npgsql;

namespace CareDesk.Features.Knowledge.Export;

/// <summary>What an export did: files written, files already identical, and files in the folder the knowledge base does not hold.</summary>
public sealed record ContentExportResult(IReadOnlyList<string> Written, IReadOnlyList<string> Unchanged, IReadOnlyList<string> NotInDatabase);

/// <summary>
/// Writes the published knowledge base (and archived articles, marked archived) as <c>content/faq</c>
/// files with the canonical writer, one <c>&lt;id&gt;.md</c> per article. A file that already holds the
/// same article is not touched; a file for an article the database does not hold is left alone and listed.
/// </summary>
public sealed class ContentExport(NpgsqlDataSource dataSource)
{
    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);

    /// <summary>The current revision of every published or archived article.</summary>
    public async Task<IReadOnlyList<FaqArticle>> ExportableAsync(CancellationToken ct = default)
    {
        await using var conn = await dataSource.OpenConnectionAsync(ct);
        var docs = await conn.QueryAsync<string>(new CommandDefinition("""
            SELECT r.document::text
            FROM kb_articles a
            JOIN kb_revisions r ON r.article_id = a.id AND r.revision = a.published_revision
            WHERE a.status IN ('published', 'archived')
            ORDER BY a.id
            """, cancellationToken: ct));
        return docs.Select(d => JsonSerializer.Deserialize<FaqArticle>(d, ArticleStore.Json)!).ToList();
    }

    public async Task<ContentExportResult> ExportAsync(string directory, CancellationToken ct = default)
    {
        var articles = await ExportableAsync(ct);
        Directory.CreateDirectory(directory);
        var written = new List<string>();
        var unchanged = new List<string>();
        foreach (var article in articles)
        {
            var path = Path.Combine(directory, article.Id + ".md");
            var text = FaqFile.Write(article);
            if (File.Exists(path) && SameArticle(path, await File.ReadAllTextAsync(path, ct), text))
            {
                unchanged.Add(path);
                continue;
            }
            await File.WriteAllBytesAsync(path, Utf8.GetBytes(text), ct);
            written.Add(path);
        }
        var ids = articles.Select(a => a.Id + ".md").ToHashSet(StringComparer.Ordinal);
        var others = Directory.EnumerateFiles(directory, "*.md")
            .Where(f => !ids.Contains(Path.GetFileName(f)) && !string.Equals(Path.GetFileName(f), "README.md", StringComparison.OrdinalIgnoreCase))
            .Order(StringComparer.Ordinal)
            .ToList();
        return new ContentExportResult(written, unchanged, others);
    }

    /// <summary>
    /// Whether the file already says what the article says: byte-identical, or parsing to the same
    /// article. A hand-written file in a valid but non-canonical style (quotes YAML does not need) is
    /// thus left as it is until its article is edited in the app.
    /// </summary>
    private static bool SameArticle(string path, string existing, string canonical)
    {
        if (existing == canonical)
            return true;
        var parsed = FaqFile.Parse(path, existing);
        return parsed.Article is { } article && parsed.Problems.Count == 0 && FaqFile.Write(article) == canonical;
    }
}
