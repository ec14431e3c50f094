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
/// files with the canonical writer, one <c>&lt;id&gt;.md</c> per article. A file whose bytes would not
/// change is not touched; a file for an article the database does not hold is left alone and listed.
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
            var bytes = Utf8.GetBytes(FaqFile.Write(article));
            if (File.Exists(path) && (await File.ReadAllBytesAsync(path, ct)).AsSpan().SequenceEqual(bytes))
            {
                unchanged.Add(path);
                continue;
            }
            await File.WriteAllBytesAsync(path, bytes, ct);
            written.Add(path);
        }
        var ids = articles.Select(a => a.Id + ".md").ToHashSet(StringComparer.Ordinal);
        var others = Directory.EnumerateFiles(directory, "*.md")
            .Where(f => !ids.Contains(Path.GetFileName(f)) && !string.Equals(Path.GetFileName(f), "README.md", StringComparison.OrdinalIgnoreCase))
            .Order(StringComparer.Ordinal)
            .ToList();
        return new ContentExportResult(written, unchanged, others);
    }
}
