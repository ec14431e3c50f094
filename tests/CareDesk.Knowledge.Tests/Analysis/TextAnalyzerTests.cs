using System.Text;
using CareDesk.Knowledge.Analysis;
using static CareDesk.Knowledge.Tests.Analysis.AnalyzerAssert;

namespace CareDesk.Knowledge.Tests.Analysis;

public class TextAnalyzerTests
{
    [Fact]
    public void Analyze_StopWordsWithoutHamza_Removed() =>
        AnalyzesTo("ما هي الرسوم التي الى إلى", "رسوم");

    [Fact]
    public void Analyze_ColloquialFunctionWords_Removed() =>
        AnalyzesTo("وش ابغى ليش مو اللي الفلوس", "فلوس");

    [Fact]
    public void Analyze_MixedScripts_SplitAndLowercased() =>
        AnalyzesTo("رقم IBANs في Absher", "رقم", "iban", "absher");

    [Fact]
    public void Analyze_ArabicIndicDigitsAndGluedNumber_SplitAndFolded() =>
        NormalizesTo("اتصل على ١٩٩٩٠ خلال 48ساعة", "اتصل", "19990", "48", "ساعه");

    [Fact]
    public void Analyze_Punctuation_Separates() =>
        NormalizesTo("،استرداد؟ (الرسوم)!", "استرداد", "الرسوم");

    [Fact]
    public void Analyze_Offsets_PointAtOriginalText()
    {
        const string text = "أبشر: إلغاء التأشيرة";
        var tokens = TextAnalyzer.Default.Analyze(text);
        Assert.Equal(["أبشر", "إلغاء", "التأشيرة"], tokens.Select(t => text.Substring(t.Start, t.Length)));
        Assert.Equal([0, 1, 2], tokens.Select(t => t.Position));
    }

    [Fact]
    public void Analyze_GoldenFile_MatchesExpected()
    {
        var path = Path.Combine(AppContext.BaseDirectory, "Analysis", "Golden", "analyzer.tsv");
        var lines = File.ReadAllLines(path, Encoding.UTF8).Where(l => l.Length > 0 && !l.StartsWith('#')).ToList();
        Assert.NotEmpty(lines);
        var failures = new List<string>();
        foreach (var line in lines)
        {
            var parts = line.Split('\t');
            var actual = Render(parts[0]);
            if (actual != parts[1])
            {
                failures.Add($"{parts[0]}\n  expected: {parts[1]}\n  actual:   {actual}");
            }
        }

        Assert.True(failures.Count == 0, string.Join('\n', failures));
    }
}
