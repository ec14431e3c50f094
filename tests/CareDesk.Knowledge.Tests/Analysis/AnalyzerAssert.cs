using CareDesk.Knowledge.Analysis;

namespace CareDesk.Knowledge.Tests.Analysis;

/// <summary>Lucene-style analyzer assertions.</summary>
internal static class AnalyzerAssert
{
    /// <summary>The stems <paramref name="input"/> analyzes to, in order.</summary>
    public static void AnalyzesTo(string input, params string[] stems) =>
        Assert.Equal(stems, TextAnalyzer.Default.Analyze(input).Select(t => t.Stem).ToArray());

    /// <summary>The normalized, unstemmed terms <paramref name="input"/> analyzes to, in order.</summary>
    public static void NormalizesTo(string input, params string[] terms) =>
        Assert.Equal(terms, TextAnalyzer.Default.Analyze(input).Select(t => t.Term).ToArray());

    /// <summary>One line of the golden format: <c>term/stem</c> for each token, separated by spaces.</summary>
    public static string Render(string input) =>
        string.Join(' ', TextAnalyzer.Default.Analyze(input).Select(t => t.Term == t.Stem ? t.Term : $"{t.Term}/{t.Stem}"));
}
