using System.Globalization;
using System.Text.RegularExpressions;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace CareDesk.Knowledge.Documents;

/// <summary>
/// The <c>content/faq</c> file format: YAML front matter between <c>---</c> lines, then the Arabic
/// Markdown body with the sections named in <see cref="FaqSections"/>.
/// </summary>
/// <remarks>
/// Canonical style, as <see cref="Write"/> emits it: keys in <see cref="FaqFields.CanonicalOrder"/>,
/// every key present except a null <c>review_by</c>, lists as flow sequences <c>[a, b]</c>, strings
/// plain unless YAML needs double quotes, LF line ends, the body straight after the closing
/// <c>---</c>, one trailing newline. Parsing a canonical file and writing it back is byte-identical.
/// </remarks>
public static partial class FaqFile
{
    private const string Delimiter = "---";

    /// <summary>Parses one FAQ file.</summary>
    /// <param name="path">The file's path, used only to locate problems.</param>
    /// <param name="text">The file's content (a BOM and CRLF line ends are tolerated).</param>
    public static FaqParseResult Parse(string path, string text)
    {
        var problems = new List<ContentProblem>();
        var fieldLines = new Dictionary<string, int>(StringComparer.Ordinal);
        void Add(int line, string code, string en, string ar) => problems.Add(new ContentProblem(path, line, code, en, ar));

        var lines = text.TrimStart('\uFEFF').Replace("\r\n", "\n").Split('\n');
        if (lines[0].TrimEnd() != Delimiter)
        {
            Add(1, "no-front-matter", "the file must start with a '---' line that opens the YAML front matter",
                "يجب أن يبدأ الملف بسطر '---' يفتح البيانات الوصفية (YAML)");
            return new FaqParseResult(path, null, problems, fieldLines, 1);
        }
        var close = Array.FindIndex(lines, 1, l => l.TrimEnd() == Delimiter);
        if (close < 0)
        {
            Add(1, "front-matter-not-closed", "the YAML front matter is not closed by a '---' line",
                "البيانات الوصفية (YAML) غير مغلقة بسطر '---'");
            return new FaqParseResult(path, null, problems, fieldLines, 1);
        }

        var values = ReadFrontMatter(lines, close, fieldLines, Add);
        var bodyStart = close + 1;
        while (bodyStart < lines.Length && lines[bodyStart].Trim().Length == 0)
            bodyStart++;
        var body = string.Join('\n', lines[bodyStart..]).TrimEnd();
        var bodyStartLine = Math.Min(bodyStart, lines.Length - 1) + 1;
        if (values is null)
            return new FaqParseResult(path, null, problems, fieldLines, bodyStartLine);

        string Scalar(string key) => values.TryGetValue(key, out var v) && v is string s ? s : "";
        IReadOnlyList<string> List(string key) => values.TryGetValue(key, out var v) && v is List<string> l ? l : [];
        int LineOf(string key) => fieldLines.TryGetValue(key, out var l) ? l : 1;

        foreach (var key in new[] { FaqFields.Id, FaqFields.Topic, FaqFields.TitleAr, FaqFields.SummaryAr })
        {
            if (Scalar(key).Length == 0)
                Add(LineOf(key), "missing-field", $"required field '{key}' is missing or empty",
                    $"الحقل الإلزامي '{key}' مفقود أو فارغ");
        }
        var id = Scalar(FaqFields.Id);
        if (id.Length > 0 && !KebabCase().IsMatch(id))
            Add(LineOf(FaqFields.Id), "bad-id", $"id '{id}' must be kebab-case: lowercase latin letters and digits joined by single hyphens",
                $"المعرّف '{id}' يجب أن يكون بحروف لاتينية صغيرة وأرقام تفصل بينها شرطات مفردة");
        var status = values.ContainsKey(FaqFields.Status) ? Scalar(FaqFields.Status) : "published";
        if (!FaqFields.Statuses.Contains(status))
            Add(LineOf(FaqFields.Status), "bad-status", $"unknown status '{status}' (allowed: {string.Join(", ", FaqFields.Statuses)})",
                $"الحالة '{status}' غير معروفة (المسموح: {string.Join("، ", FaqFields.Statuses)})");
        DateOnly? reviewBy = null;
        var reviewText = Scalar(FaqFields.ReviewBy);
        if (reviewText.Length > 0)
        {
            if (DateOnly.TryParseExact(reviewText, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d))
                reviewBy = d;
            else
                Add(LineOf(FaqFields.ReviewBy), "bad-date", $"review_by '{reviewText}' is not a date in the form yyyy-MM-dd",
                    $"تاريخ المراجعة '{reviewText}' ليس تاريخاً بالصيغة yyyy-MM-dd");
        }

        CheckBody(body, bodyStartLine, close + 1, Add);

        FaqArticle? article = null;
        if (id.Length > 0 && Scalar(FaqFields.Topic).Length > 0 && Scalar(FaqFields.TitleAr).Length > 0)
        {
            article = new FaqArticle
            {
                Id = id,
                Topic = Scalar(FaqFields.Topic),
                TitleAr = Scalar(FaqFields.TitleAr),
                TitleEn = Scalar(FaqFields.TitleEn),
                SummaryAr = Scalar(FaqFields.SummaryAr),
                SummaryEn = Scalar(FaqFields.SummaryEn),
                Keywords = List(FaqFields.Keywords),
                CaseTypes = List(FaqFields.CaseTypes),
                Agencies = List(FaqFields.Agencies),
                Channels = List(FaqFields.Channels),
                Sources = List(FaqFields.Sources),
                Status = status,
                ReviewBy = reviewBy,
                Body = body,
            };
        }
        return new FaqParseResult(path, article, problems, fieldLines, bodyStartLine);
    }

    /// <summary>Serializes an article in the canonical style described on <see cref="FaqFile"/>.</summary>
    public static string Write(FaqArticle article) => FaqFileWriter.Write(article);

    private static Dictionary<string, object>? ReadFrontMatter(
        string[] lines, int close, Dictionary<string, int> fieldLines, Action<int, string, string, string> add)
    {
        // File line of YAML line 1 is 2: the opening '---' is line 1.
        const int offset = 1;
        var yaml = new YamlStream();
        try
        {
            yaml.Load(new StringReader(string.Join('\n', lines[1..close])));
        }
        catch (YamlException ex)
        {
            var yamlLine = (int)Math.Max(1, ex.Start.Line);
            var fileLine = yamlLine + offset;
            var source = fileLine - 1 < close ? lines[fileLine - 1].Trim() : "";
            var reason = YamlMarkPrefix().Replace(ex.InnerException?.Message ?? ex.Message, "");
            add(fileLine, "bad-yaml", $"malformed YAML: {reason} in: {source}",
                $"صيغة YAML غير صحيحة: {reason} في السطر: {source}");
            return null;
        }
        if (yaml.Documents.Count == 0 || yaml.Documents[0].RootNode is not YamlMappingNode root)
        {
            add(2, "bad-yaml", "the front matter must be a YAML mapping of 'key: value' lines",
                "يجب أن تكون البيانات الوصفية أسطراً بصيغة 'المفتاح: القيمة'");
            return null;
        }

        var values = new Dictionary<string, object>(StringComparer.Ordinal);
        foreach (var (keyNode, valueNode) in root.Children)
        {
            var line = (int)keyNode.Start.Line + offset;
            if (keyNode is not YamlScalarNode { Value: { } key })
            {
                add(line, "bad-yaml", "a front matter key must be plain text", "يجب أن يكون مفتاح البيانات الوصفية نصاً");
                continue;
            }
            if (!FaqFields.CanonicalOrder.Contains(key))
            {
                add(line, "unknown-field", $"unknown field '{key}' (allowed: {string.Join(", ", FaqFields.CanonicalOrder)})",
                    $"الحقل '{key}' غير معروف");
                continue;
            }
            fieldLines[key] = line;
            if (FaqFields.ListKeys.Contains(key))
            {
                if (valueNode is YamlScalarNode { Value: null or "" })
                    values[key] = new List<string>();
                else if (valueNode is YamlSequenceNode seq && seq.Children.All(c => c is YamlScalarNode))
                    values[key] = seq.Children.Select(c => ((YamlScalarNode)c).Value?.Trim() ?? "").ToList();
                else
                    add(line, "bad-value", $"field '{key}' must be a list of text values, like [a, b]",
                        $"الحقل '{key}' يجب أن يكون قائمة نصوص بالشكل [a, b]");
            }
            else if (valueNode is YamlScalarNode scalar)
            {
                values[key] = scalar.Value?.Trim() ?? "";
            }
            else
            {
                add(line, "bad-value", $"field '{key}' must be a single text value", $"الحقل '{key}' يجب أن يكون قيمة نصية واحدة");
            }
        }
        return values;
    }

    private static void CheckBody(string body, int bodyStartLine, int closeLine, Action<int, string, string, string> add)
    {
        var sections = FaqSections.Extract(body);
        int LineOf(string heading) => sections.HeadingLines.TryGetValue(heading, out var l) ? l + bodyStartLine - 1 : closeLine;

        foreach (var heading in FaqSections.RequiredHeadings)
        {
            if (!sections.HeadingLines.ContainsKey(heading))
                add(closeLine, "missing-section", $"body section '## {heading}' is missing", $"قسم '## {heading}' مفقود من نص المقال");
        }
        if (sections.ShortAnswer is "")
            add(LineOf(FaqSections.ShortAnswerHeading), "empty-section", $"section '## {FaqSections.ShortAnswerHeading}' is empty",
                $"قسم '## {FaqSections.ShortAnswerHeading}' فارغ");
        if (sections.StepsMarkdown is not null && sections.Steps.Count == 0)
            add(LineOf(FaqSections.StepsHeading), "no-steps", $"section '## {FaqSections.StepsHeading}' must be a numbered list (1. …)",
                $"قسم '## {FaqSections.StepsHeading}' يجب أن يكون قائمة مرقمة (1. …)");
        if (sections.RuleMarkdown is not null)
        {
            foreach (var (label, value) in new[]
            {
                (FaqSections.DeadlineLabel, sections.Deadline),
                (FaqSections.ResponsibleLabel, sections.Responsible),
                (FaqSections.EscalationLabel, sections.Escalation),
            })
            {
                if (string.IsNullOrEmpty(value))
                    add(LineOf(FaqSections.RuleHeading), "missing-rule-line", $"section '## {FaqSections.RuleHeading}' lacks a '- **{label}:** …' line",
                        $"قسم '## {FaqSections.RuleHeading}' ينقصه سطر '- **{label}:** …'");
            }
        }
        if (sections.UnifiedReply is "")
            add(LineOf(FaqSections.UnifiedReplyHeading), "empty-section", $"section '## {FaqSections.UnifiedReplyHeading}' is empty",
                $"قسم '## {FaqSections.UnifiedReplyHeading}' فارغ");
    }

    [GeneratedRegex("^[a-z0-9]+(-[a-z0-9]+)*$")]
    private static partial Regex KebabCase();

    [GeneratedRegex(@"^\(Line: \d+, Col: \d+, Idx: \d+\) - \(Line: \d+, Col: \d+, Idx: \d+\):\s*")]
    private static partial Regex YamlMarkPrefix();
}
