using System.Text.RegularExpressions;
using CareDesk.Knowledge.Reference;

namespace CareDesk.Knowledge.Tests;

public partial class TopicsSeedTests
{
    [Fact]
    public void TopicsJson_MatchesDesignTaxonomy_Exactly()
    {
        var design = Path.Combine(RepoPaths.SharedDesign, "faq-topics.md");
        Assert.True(File.Exists(design), $"{design} is missing: CI clones ../shared beside the repository");
        var expected = File.ReadLines(design)
            .Select(l => TableRow().Match(l))
            .Where(m => m.Success)
            .Select(m => (m.Groups[1].Value, m.Groups[2].Value, string.Join(", ", m.Groups[3].Value.Split(',').Select(s => s.Trim()))))
            .ToList();

        var actual = ReferenceData.Load(RepoPaths.Seeds).Topics.Topics
            .Select(t => (t.Slug, t.Covers, string.Join(", ", t.Sources)))
            .ToList();

        Assert.Equal(28, expected.Count);
        Assert.Equal(expected, actual);
    }

    [GeneratedRegex(@"^\| ([a-z0-9-]+) \| (.*) \| ([0-9, ]+) \|$")]
    private static partial Regex TableRow();
}
