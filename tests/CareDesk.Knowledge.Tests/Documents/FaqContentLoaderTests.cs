using CareDesk.Knowledge.Documents;

namespace CareDesk.Knowledge.Tests;

public sealed class FaqContentLoaderTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("faq-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void LoadDirectory_ValidFiles_ReturnsArticlesInPathOrder()
    {
        File.WriteAllText(Path.Combine(_dir, "b.md"), FaqSamples.With("id", "id: b-article"));
        Directory.CreateDirectory(Path.Combine(_dir, "sub"));
        File.WriteAllText(Path.Combine(_dir, "sub", "a.md"), FaqSamples.With("id", "id: a-article"));
        File.WriteAllText(Path.Combine(_dir, "notes.txt"), "not an article");
        File.WriteAllText(Path.Combine(_dir, "README.md"), "# How to write articles");

        var result = FaqContentLoader.LoadDirectory(_dir);

        Assert.Empty(result.Problems);
        Assert.Equal(["b-article", "a-article"], result.Articles.Select(a => a.Id));
        Assert.Equal(2, result.Files.Count);
    }

    [Fact]
    public void LoadDirectory_DuplicateIds_ReportsSecondFileWithFirstLocation()
    {
        var first = Path.Combine(_dir, "a.md");
        var second = Path.Combine(_dir, "b.md");
        File.WriteAllText(first, FaqSamples.Canonical);
        File.WriteAllText(second, FaqSamples.Canonical);

        var result = FaqContentLoader.LoadDirectory(_dir);

        var problem = Assert.Single(result.Problems);
        Assert.Equal(("duplicate-id", second, 2), (problem.Code, problem.File, problem.Line));
        Assert.Contains(first + ":2", problem.MessageEn);
        Assert.Single(result.Articles);
    }

    [Fact]
    public void LoadDirectory_InvalidFile_LeftOutWithProblems()
    {
        File.WriteAllText(Path.Combine(_dir, "a.md"), FaqSamples.With("status", "status: live"));

        var result = FaqContentLoader.LoadDirectory(_dir);

        Assert.Empty(result.Articles);
        Assert.Equal("bad-status", Assert.Single(result.Problems).Code);
    }

    [Fact]
    public void LoadDirectory_MissingDirectory_ReportsOneProblem()
    {
        var result = FaqContentLoader.LoadDirectory(Path.Combine(_dir, "nope"));

        Assert.Equal("no-directory", Assert.Single(result.Problems).Code);
    }
}
