using CareDesk.Knowledge.Analysis;

namespace CareDesk.Knowledge.Tests.Analysis;

public class SynonymTableTests
{
    [Fact]
    public void Lookup_ColloquialWord_GivesFormalAlternatives()
    {
        var table = SynonymTable.FromJson("""{"groups": [["فلوس", "مبلغ", "رسوم"], ["ابشر", "أبشر", "absher"]]}""");
        var alternatives = table.Lookup("فلوسي", "فلوس").ToArray().Select(f => f.Stem).ToList();
        Assert.Equal(["مبلغ", "رسوم"], alternatives);
        Assert.Equal(["absher"], table.Lookup("ابشر", "ابشر").ToArray().Select(f => f.Stem));
        Assert.Equal(["ابشر"], table.Lookup("absher", "absher").ToArray().Select(f => f.Stem));
        Assert.Equal(2, table.GroupCount);
    }

    [Fact]
    public void Lookup_WordOfAPhrase_DoesNotTriggerTheGroup()
    {
        var table = SynonymTable.FromGroups([["ايميل", "البريد الإلكتروني"]]);
        Assert.True(table.Lookup("البريد", "بريد").IsEmpty);
        Assert.Equal(["بريد", "الكترون"], table.Lookup("ايميل", "ايميل").ToArray().Select(f => f.Stem));
    }

    [Fact]
    public void FromJson_WrongShape_ThrowsFormatException() =>
        Assert.Throws<FormatException>(() => SynonymTable.FromJson("""{"words": []}"""));

    [Fact]
    public void Load_RepositorySeed_ParsesAndHasGroups()
    {
        var table = SynonymTable.Load(Path.Combine(TestPaths.RepoRoot, "seeds", "synonyms.json"));
        Assert.True(table.GroupCount >= 10);
        Assert.Contains(table.Lookup("absher", "absher").ToArray(), f => f.Stem == "ابشر");
    }
}
