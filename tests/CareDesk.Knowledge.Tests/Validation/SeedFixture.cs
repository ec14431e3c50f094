using System.Text.Json.Nodes;

namespace CareDesk.Knowledge.Tests;

/// <summary>A throwaway copy of the repository's seeds and an empty content directory.</summary>
internal sealed class SeedFixture : IDisposable
{
    public SeedFixture()
    {
        Root = Directory.CreateTempSubdirectory("validate-").FullName;
        Seeds = Directory.CreateDirectory(Path.Combine(Root, "seeds")).FullName;
        Content = Directory.CreateDirectory(Path.Combine(Root, "faq")).FullName;
        foreach (var file in Directory.EnumerateFiles(RepoPaths.Seeds, "*.json"))
            File.Copy(file, Path.Combine(Seeds, Path.GetFileName(file)));
    }

    public string Root { get; }

    public string Seeds { get; }

    public string Content { get; }

    /// <summary>Rewrites one seed file through a JSON node edit.</summary>
    public void Edit(string file, Action<JsonNode> edit)
    {
        var path = Path.Combine(Seeds, file);
        var node = JsonNode.Parse(File.ReadAllText(path))!;
        edit(node);
        File.WriteAllText(path, node.ToJsonString(new() { WriteIndented = true }));
    }

    /// <summary>Writes an article file into the content directory.</summary>
    public string Article(string name, string text)
    {
        var path = Path.Combine(Content, name);
        File.WriteAllText(path, text);
        return path;
    }

    public void Dispose() => Directory.Delete(Root, recursive: true);
}
