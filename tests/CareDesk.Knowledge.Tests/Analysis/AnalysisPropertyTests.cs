using System.Text;
using CareDesk.Knowledge.Analysis;

namespace CareDesk.Knowledge.Tests.Analysis;

/// <summary>Properties checked over many generated strings (fixed seeds, so failures reproduce).</summary>
public class AnalysisPropertyTests
{
    private const int Cases = 5000;

    public static TheoryData<int> Seeds => new() { 1, 2, 3 };

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Normalize_AnyText_IsIdempotent(int seed)
    {
        var random = new Random(seed);
        for (var i = 0; i < Cases; i++)
        {
            var s = RandomText(random);
            var once = ArabicNormalizer.Normalize(s);
            Assert.Equal(once, ArabicNormalizer.Normalize(once));
        }
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Analyze_AnyText_NeverThrowsAndNeverYieldsEmptyStems(int seed)
    {
        var random = new Random(seed);
        for (var i = 0; i < Cases; i++)
        {
            foreach (var t in TextAnalyzer.Default.Analyze(RandomText(random)))
            {
                Assert.NotEqual("", t.Term);
                Assert.NotEqual("", t.Stem);
                Assert.True(t.Stem.Length <= t.Term.Length);
            }
        }
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Stem_AnyArabicWord_KeepsAtLeastTwoLettersOrTheWord(int seed)
    {
        var random = new Random(seed);
        for (var i = 0; i < Cases; i++)
        {
            var word = ArabicNormalizer.Normalize(RandomArabicWord(random));
            var stem = ArabicStemmer.Stem(word);
            Assert.True(stem.Length >= Math.Min(2, word.Length), $"{word} → {stem}");
            Assert.Contains(stem, word, StringComparison.Ordinal);
        }
    }

    private static string RandomArabicWord(Random random)
    {
        const string letters = "ابتثجحخدذرسشصضطظعغفقكلمنهويءآأإؤئةى";
        var sb = new StringBuilder();
        var prefix = new[] { "", "ال", "وال", "بال", "و", "ف", "لل", "فبال" }[random.Next(8)];
        sb.Append(prefix);
        for (var n = random.Next(1, 7); n > 0; n--)
        {
            sb.Append(letters[random.Next(letters.Length)]);
        }

        sb.Append(new[] { "", "ها", "ات", "ون", "ين", "ية", "ه", "ة", "ي", "تي", "هم" }[random.Next(11)]);
        return sb.ToString();
    }

    private static string RandomText(Random random)
    {
        var sb = new StringBuilder();
        for (var n = random.Next(0, 24); n > 0; n--)
        {
            var pick = random.Next(10);
            char c = pick switch
            {
                < 4 => (char)random.Next(0x0600, 0x0700),
                4 => (char)random.Next(0xFB50, 0xFF00),
                5 => (char)random.Next(0xD800, 0xE000),
                6 => " ،.؟\t\n"[random.Next(6)],
                7 => (char)random.Next(0x20, 0x7F),
                _ => (char)random.Next(0, 0x10000),
            };
            sb.Append(c);
        }

        return sb.ToString();
    }
}
