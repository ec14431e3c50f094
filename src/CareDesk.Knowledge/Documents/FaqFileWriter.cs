using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace CareDesk.Knowledge.Documents;

/// <summary>Writes articles in the canonical <c>content/faq</c> style (see <see cref="FaqFile"/>).</summary>
internal static partial class FaqFileWriter
{
    private const string Indicators = "-?:,[]{}#&*!|>'\"%@`";
    private const string FlowIndicators = ",[]{}";

    private static readonly HashSet<string> Reserved = new(StringComparer.OrdinalIgnoreCase)
    {
        "true", "false", "yes", "no", "on", "off", "y", "n", "null", "~",
    };

    public static string Write(FaqArticle a)
    {
        var sb = new StringBuilder();
        void Line(string key, string value) => sb.Append(key).Append(": ").Append(value).Append('\n');
        void Text(string key, string value) => Line(key, Scalar(value, inFlow: false));
        void List(string key, IReadOnlyList<string> items) =>
            Line(key, "[" + string.Join(", ", items.Select(i => Scalar(i, inFlow: true))) + "]");

        sb.Append("---\n");
        Text(FaqFields.Id, a.Id);
        Text(FaqFields.Topic, a.Topic);
        Text(FaqFields.TitleAr, a.TitleAr);
        Text(FaqFields.TitleEn, a.TitleEn);
        Text(FaqFields.SummaryAr, a.SummaryAr);
        Text(FaqFields.SummaryEn, a.SummaryEn);
        List(FaqFields.Keywords, a.Keywords);
        List(FaqFields.CaseTypes, a.CaseTypes);
        List(FaqFields.Agencies, a.Agencies);
        List(FaqFields.Channels, a.Channels);
        List(FaqFields.Sources, a.Sources);
        Text(FaqFields.Status, a.Status);
        if (a.ReviewBy is { } reviewBy)
            Line(FaqFields.ReviewBy, reviewBy.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        sb.Append("---\n");
        var body = a.Body.Replace("\r\n", "\n").Trim('\n').TrimEnd();
        if (body.Length > 0)
            sb.Append(body).Append('\n');
        return sb.ToString();
    }

    /// <summary>A plain scalar when YAML reads it back unchanged as a string, else a double-quoted one.</summary>
    internal static string Scalar(string value, bool inFlow) =>
        NeedsQuotes(value, inFlow) ? Quote(value) : value;

    private static bool NeedsQuotes(string s, bool inFlow) =>
        s.Length == 0
        || char.IsWhiteSpace(s[0]) || char.IsWhiteSpace(s[^1])
        || Indicators.Contains(s[0])
        || s.Contains(": ", StringComparison.Ordinal) || s.EndsWith(':')
        || s.Contains(" #", StringComparison.Ordinal)
        || s.Any(c => char.IsControl(c) || c is '\u0085' or '\u2028' or '\u2029' or '\uFEFF')
        || (inFlow && s.IndexOfAny(FlowIndicators.ToCharArray()) >= 0)
        || Reserved.Contains(s)
        || double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out _)
        || YamlNumberLike().IsMatch(s)
        || DateOnly.TryParseExact(s, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _);

    // YAML 1.1 readers take these as numbers or times: hex, octal, .inf, 1_000, 1:30.
    [GeneratedRegex(@"^[-+]?(\.inf|\.nan|0x[0-9a-f_]+|0o?[0-7_]+|[0-9][0-9_]*(:[0-5]?[0-9])+(\.[0-9_]*)?|[0-9][0-9_]*)$", RegexOptions.IgnoreCase)]
    private static partial Regex YamlNumberLike();

    private static string Quote(string s)
    {
        var sb = new StringBuilder("\"");
        foreach (var c in s)
        {
            sb.Append(c switch
            {
                '"' => "\\\"",
                '\\' => "\\\\",
                '\n' => "\\n",
                '\t' => "\\t",
                '\r' => "\\r",
                _ when char.IsControl(c) || c is '\u0085' or '\u2028' or '\u2029' or '\uFEFF' => $"\\u{(int)c:x4}",
                _ => c.ToString(),
            });
        }
        return sb.Append('"').ToString();
    }
}
