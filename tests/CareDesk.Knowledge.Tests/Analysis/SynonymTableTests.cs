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

    [Theory]
    [InlineData("رجعت", true)]
    [InlineData("يرجعون", true)]
    [InlineData("نرجع", true)]
    [InlineData("رجعوا", true)]
    [InlineData("ترجعونها", true)]
    [InlineData("رجال", false)]
    [InlineData("ترجمة", false)]
    [InlineData("مرجع", false)]
    public void ConceptOf_WordNotListed_FoundOnlyWhenItIsAVerbFormOfAListedWord(string word, bool found)
    {
        var table = SynonymTable.FromGroups([["رجع", "استرداد"], ["رسوم", "فلوس"]]);
        var a = TextAnalyzer.Default.AnalyzeWord(word);
        Assert.NotEqual(-1, table.ConceptOf("رجع", "رجع"));
        Assert.Equal(found ? table.ConceptOf("رجع", "رجع") : -1, table.ConceptOf(a.Term, a.Stem));
    }

    [Fact]
    public void Concepts_WordInTwoGroups_JoinsThemForThatWordOnly()
    {
        var table = SynonymTable.FromGroups([["سداد", "sadad"], ["دفع", "سداد"]]);
        string[] Members(string word) => table.Concepts[table.ConceptOf(word, word)].Members.Select(m => m[0].Stem).Order(StringComparer.Ordinal).ToArray();
        Assert.Equal(["sadad", "دفع", "سداد"], Members("سداد"));
        Assert.Equal(["sadad", "سداد"], Members("sadad"));
        Assert.Equal(["دفع", "سداد"], Members("دفع"));
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
