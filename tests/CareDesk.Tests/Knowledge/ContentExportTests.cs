using System.Diagnostics;
using CareDesk.Features.Knowledge;
using CareDesk.Features.Audit;
using CareDesk.Features.Knowledge.Editing;
using CareDesk.Features.Knowledge.Export;
using CareDesk.Knowledge.Documents;
using CareDesk.Tests.Data;
using CareDesk.Testing;
using static CareDesk.Tests.Knowledge.KnowledgeFixtures;

namespace CareDesk.Tests.Knowledge;

[Collection(PostgresCollection.Name)]
public sealed class ContentExportTests(PostgresServer postgres)
{
    private static string RepoFaq => Path.Combine(TestPaths.RepoRoot, "content", "faq");

    /// <summary>Imports content/faq as the app does on an empty database, and copies the files to a folder to export over.</summary>
    private static async Task<(FaqContentLoadResult Loaded, string Dir)> ImportIntoCheckoutCopyAsync(Npgsql.NpgsqlDataSource ds)
    {
        var loaded = FaqContentLoader.LoadDirectory(RepoFaq);
        Assert.Empty(loaded.Problems);
        await using (var conn = await ds.OpenConnectionAsync())
        await using (var tx = await conn.BeginTransactionAsync())
        {
            await ArticleStore.ImportPublishedAsync(conn, tx, loaded.Articles, "import", "test", default);
            await tx.CommitAsync();
        }
        var dir = Directory.CreateTempSubdirectory("caredesk-export-").FullName;
        foreach (var file in Directory.GetFiles(RepoFaq))
            File.Copy(file, Path.Combine(dir, Path.GetFileName(file)));
        return (loaded, dir);
    }

    [Fact]
    public async Task ExportAsync_OverCheckoutAfterImport_ChangesNoByteOfAnyFile()
    {
        await using var ds = await postgres.CreateMigratedDatabaseAsync();
        var (loaded, outDir) = await ImportIntoCheckoutCopyAsync(ds);

        var result = await new ContentExport(ds).ExportAsync(outDir);

        var differing = Directory.GetFiles(RepoFaq, "*.md")
            .Where(f => Path.GetFileName(f) != "README.md")
            .Where(f => !File.Exists(Path.Combine(outDir, Path.GetFileName(f)))
                        || !File.ReadAllBytes(f).AsSpan().SequenceEqual(File.ReadAllBytes(Path.Combine(outDir, Path.GetFileName(f)))))
            .Select(Path.GetFileName)
            .ToList();
        Assert.True(differing.Count == 0, "not byte-identical after import → export: " + string.Join(", ", differing));
        Assert.Empty(result.Written);
        Assert.Empty(result.NotInDatabase);
        Assert.Equal(loaded.Articles.Count, result.Unchanged.Count);
    }

    [Fact]
    public async Task ExportAsync_EditedArticle_RewritesOnlyItsFileCanonically()
    {
        await using var ds = await postgres.CreateMigratedDatabaseAsync();
        var (loaded, outDir) = await ImportIntoCheckoutCopyAsync(ds);
        var workflow = new ArticleWorkflow(ds, new AuditLog(ds));
        var edited = loaded.Articles.First(a => a.Id == "mof-contact");
        var revision = await workflow.SaveDraftAsync(edited.Id, 1, edited with { Keywords = [.. edited.Keywords, "كلمة جديدة"] }, "keyword", Editor);
        await workflow.SubmitAsync(edited.Id, revision, Editor);
        await workflow.ApproveAsync(edited.Id, revision, null, Reviewer);

        var result = await new ContentExport(ds).ExportAsync(outDir);

        Assert.Equal("mof-contact.md", Path.GetFileName(Assert.Single(result.Written)));
        var text = File.ReadAllText(Path.Combine(outDir, "mof-contact.md"));
        Assert.Contains("كلمة جديدة", text);
        Assert.Equal(text, FaqFile.Write(FaqFile.Parse("x.md", text).Article!));
    }

    [Fact]
    public async Task ExportAsync_IdenticalFileExists_LeavesItUntouched()
    {
        await using var ds = await postgres.CreateMigratedDatabaseAsync();
        var workflow = new ArticleWorkflow(ds, new AuditLog(ds));
        var article = Article();
        await PublishNewAsync(workflow, article);
        var outDir = Directory.CreateTempSubdirectory("caredesk-export-").FullName;
        File.WriteAllText(Path.Combine(outDir, "someone-elses.md"), "x");

        var first = await new ContentExport(ds).ExportAsync(outDir);
        var second = await new ContentExport(ds).ExportAsync(outDir);

        Assert.Single(first.Written);
        Assert.Empty(second.Written);
        Assert.Single(second.Unchanged);
        Assert.Equal("someone-elses.md", Path.GetFileName(Assert.Single(second.NotInDatabase)));
        var exported = FaqFile.Parse("x.md", File.ReadAllText(Path.Combine(outDir, article.Id + ".md"))).Article!;
        Assert.Equal(("published", article.Body), (exported.Status, exported.Body));
    }

    [Fact]
    public async Task ExportAsync_ArchivedArticle_WrittenWithStatusArchived()
    {
        await using var ds = await postgres.CreateMigratedDatabaseAsync();
        var workflow = new ArticleWorkflow(ds, new AuditLog(ds));
        var article = Article();
        await PublishNewAsync(workflow, article);
        await workflow.ArchiveAsync(article.Id, "obsolete", Reviewer);
        var outDir = Directory.CreateTempSubdirectory("caredesk-export-").FullName;

        await new ContentExport(ds).ExportAsync(outDir);

        Assert.Equal("archived", FaqFile.Parse("x.md", File.ReadAllText(Path.Combine(outDir, article.Id + ".md"))).Article!.Status);
    }

    private static async Task<(int Code, string Output)> RunCliAsync(string connectionString, params string[] args)
    {
        var psi = new ProcessStartInfo(AppProcess.ExecutablePath) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in args)
            psi.ArgumentList.Add(a);
        psi.Environment["ConnectionStrings__CareDesk"] = connectionString;
        using var process = Process.Start(psi)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, await stdout + await stderr);
    }

    [Fact]
    public async Task ExportContentVerb_PublishedArticle_WritesItsFile()
    {
        var cs = await postgres.CreateDatabaseAsync("kbexport");
        await new CareDesk.Data.MigrationRunner(Npgsql.NpgsqlDataSource.Create(cs), Microsoft.Extensions.Logging.Abstractions.NullLogger<CareDesk.Data.MigrationRunner>.Instance).ApplyAsync();
        await using var ds = Npgsql.NpgsqlDataSource.Create(cs);
        var workflow = new ArticleWorkflow(ds, new AuditLog(ds));
        var article = Article();
        await PublishNewAsync(workflow, article);
        var outDir = Directory.CreateTempSubdirectory("caredesk-export-").FullName;

        var (code, output) = await RunCliAsync(cs, "export-content", "--out", outDir);

        Assert.True(code == 0, output);
        Assert.Contains("1 written", output);
        Assert.Equal(FaqFile.Write(article with { Status = "published" }), File.ReadAllText(Path.Combine(outDir, article.Id + ".md")));
    }

    [Fact]
    public async Task ExportContentVerb_DatabaseWithoutSchema_ExitsOneWithMessage()
    {
        var cs = await postgres.CreateDatabaseAsync("kbempty");

        var (code, output) = await RunCliAsync(cs, "export-content", "--out", Directory.CreateTempSubdirectory("caredesk-export-").FullName);

        Assert.Equal(1, code);
        Assert.Contains("no knowledge base", output);
    }
}
