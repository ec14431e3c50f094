using CareDesk.Knowledge.Index;
using CareDesk.Knowledge.Search;

namespace CareDesk.Knowledge.Tests.Search;

public class TypoMatcherTests
{
    private const string Letters = "ابتثجحخدذرسشصضطظعغفقكلمنهوي";

    [Theory]
    [InlineData(0)]
    [InlineData(TypoMatcher.ScanBelow)]
    [InlineData(int.MaxValue)]
    public void Find_MisspeltWords_SameAsComparingWithEveryWord(int scanBelow)
    {
        // Crowded prefixes (وال، بال) as in Arabic text, so the walk goes through trie nodes and
        // through short runs alike; the scan (small first-letter runs) and the walk are both checked.
        var random = new Random(19990);
        string[] prefixes = ["", "", "ال", "وال", "بال", "و"];
        var vocabulary = Enumerable.Range(0, 3000).Select(_ => Word(random, random.Next(3, 7))).ToArray();
        var words = vocabulary.SelectMany(w => prefixes.Select(p => p + w)).Where(w => w.Length > 1)
            .Distinct().Order(StringComparer.Ordinal).ToArray();
        var sorted = new SortedWords(words, _ => 1, w => w);
        Assert.True(sorted.First.Length > 10, "the list should be large enough for trie nodes");

        var queries = new List<string>();
        for (var i = 0; i < 1500; i++)
        {
            var w = words[random.Next(words.Length)].ToCharArray();
            for (var edits = random.Next(1, 4); edits > 0; edits--)
            {
                Mutate(random, ref w);
            }

            queries.Add(new string(w));
        }

        queries.AddRange(Enumerable.Range(0, 200).Select(_ => Word(random, random.Next(4, 12))));
        var output = new List<int>();
        var found = 0;
        var known = words.ToHashSet(StringComparer.Ordinal);
        foreach (var q in queries.Where(q => q.Length > 0 && !known.Contains(q)))
        {
            var max = q.Length < 8 ? 1 : 2;
            var (expectedDistance, expected) = BruteForce(words, q, max);
            var distance = TypoMatcher.Find(sorted, q, max, output, scanBelow);
            Assert.Equal(expectedDistance, distance);
            Assert.Equal(expected, output.Select(i => words[i]).Order(StringComparer.Ordinal));
            found += output.Count > 0 ? 1 : 0;
        }

        Assert.True(found > 300, $"only {found} queries had a word within reach");
    }

    [Fact]
    public void Find_Transposition_IsOneEdit()
    {
        var words = new[] { "مساند", "مسافر", "مستند" };
        var output = new List<int>();
        Assert.Equal(1, TypoMatcher.Find(new SortedWords(words, _ => 1, w => w), "مسادن", 1, output));
        Assert.Equal(["مساند"], output.Select(i => words[i]));
    }

    [Fact]
    public void Find_OtherFirstLetter_NotFound()
    {
        var words = new[] { "بنك", "تنك" };
        Assert.Equal(2, TypoMatcher.Find(new SortedWords(words, _ => 1, w => w), "ثنك", 1, []));
    }

    private static (int Distance, List<string> Words) BruteForce(string[] words, string term, int max)
    {
        var best = max + 1;
        var result = new List<string>();
        foreach (var w in words.Where(w => w[0] == term[0]))
        {
            var d = EditDistance.Bounded(term, w, max);
            if (d > max || d > best)
            {
                continue;
            }

            if (d < best)
            {
                best = d;
                result.Clear();
            }

            result.Add(w);
        }

        return (best, result.Order(StringComparer.Ordinal).ToList());
    }

    private static void Mutate(Random random, ref char[] w)
    {
        var i = random.Next(w.Length);
        var c = Letters[random.Next(Letters.Length)];
        switch (random.Next(4))
        {
            case 0:
                w[i] = c;
                break;
            case 1:
                w = [.. w[..i], c, .. w[i..]];
                break;
            case 2 when w.Length > 2:
                w = [.. w[..i], .. w[(i + 1)..]];
                break;
            default:
                if (i + 1 < w.Length)
                {
                    (w[i], w[i + 1]) = (w[i + 1], w[i]);
                }

                break;
        }
    }

    private static string Word(Random random, int length) =>
        new([.. Enumerable.Range(0, length).Select(_ => Letters[random.Next(Letters.Length)])]);
}
