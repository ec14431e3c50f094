using System.Text.RegularExpressions;

namespace CareDesk.Knowledge.Documents;

/// <summary>
/// The four sections of an FAQ article body, split by their level-2 Arabic headings:
/// short answer, steps, rule and unified reply. A section whose heading is absent is <c>null</c>.
/// </summary>
public sealed partial record FaqSections
{
    /// <summary>Heading of the short answer section.</summary>
    public const string ShortAnswerHeading = "الإجابة المختصرة";

    /// <summary>Heading of the numbered steps section.</summary>
    public const string StepsHeading = "الخطوات";

    /// <summary>Heading of the rule section (deadline, owner, escalation).</summary>
    public const string RuleHeading = "القاعدة";

    /// <summary>Heading of the unified reply section.</summary>
    public const string UnifiedReplyHeading = "الرد المعتمد";

    /// <summary>The rule label for the deadline line.</summary>
    public const string DeadlineLabel = "المهلة";

    /// <summary>The rule label for the responsible agency line.</summary>
    public const string ResponsibleLabel = "المسؤول";

    /// <summary>The rule label for the escalation line.</summary>
    public const string EscalationLabel = "التصعيد";

    /// <summary>The four required headings, in the order they appear in a canonical article.</summary>
    public static readonly IReadOnlyList<string> RequiredHeadings =
        [ShortAnswerHeading, StepsHeading, RuleHeading, UnifiedReplyHeading];

    /// <summary>Markdown of the short answer, trimmed.</summary>
    public string? ShortAnswer { get; init; }

    /// <summary>Markdown of the steps section, trimmed.</summary>
    public string? StepsMarkdown { get; init; }

    /// <summary>The text of each numbered step, in order.</summary>
    public IReadOnlyList<string> Steps { get; init; } = [];

    /// <summary>Markdown of the rule section, trimmed.</summary>
    public string? RuleMarkdown { get; init; }

    /// <summary>The value of the <c>**المهلة:**</c> line.</summary>
    public string? Deadline { get; init; }

    /// <summary>The value of the <c>**المسؤول:**</c> line.</summary>
    public string? Responsible { get; init; }

    /// <summary>The value of the <c>**التصعيد:**</c> line.</summary>
    public string? Escalation { get; init; }

    /// <summary>Markdown of the unified reply, trimmed.</summary>
    public string? UnifiedReply { get; init; }

    /// <summary>The unified reply as plain text to read or send: blockquote markers removed.</summary>
    public string? UnifiedReplyText =>
        UnifiedReply is null
            ? null
            : string.Join('\n', UnifiedReply.Split('\n').Select(l => BlockquoteMarker().Replace(l, ""))).Trim();

    /// <summary>1-based line (within the body) of each heading found, keyed by heading text.</summary>
    public IReadOnlyDictionary<string, int> HeadingLines { get; init; } = new Dictionary<string, int>();

    /// <summary>Splits an article body into its sections. Headings inside fenced code are ignored.</summary>
    /// <param name="body">The Markdown body, with LF or CRLF line ends.</param>
    public static FaqSections Extract(string body)
    {
        var lines = body.Replace("\r\n", "\n").Split('\n');
        var sections = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        var headingLines = new Dictionary<string, int>(StringComparer.Ordinal);
        List<string>? current = null;
        var inFence = false;
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i];
            if (line.TrimStart().StartsWith("```", StringComparison.Ordinal))
                inFence = !inFence;
            var heading = inFence ? null : Heading().Match(line) is { Success: true } m ? m.Groups[1].Value.Trim() : null;
            if (heading is not null)
            {
                current = null;
                if (RequiredHeadings.Contains(heading) && !sections.ContainsKey(heading))
                {
                    current = sections[heading] = [];
                    headingLines[heading] = i + 1;
                }
                continue;
            }
            current?.Add(line);
        }

        string? Text(string heading) =>
            sections.TryGetValue(heading, out var l) ? string.Join('\n', l).Trim() : null;

        var steps = Text(StepsHeading);
        var rule = Text(RuleHeading);
        return new FaqSections
        {
            ShortAnswer = Text(ShortAnswerHeading),
            StepsMarkdown = steps,
            Steps = steps is null ? [] : ParseSteps(steps),
            RuleMarkdown = rule,
            Deadline = RuleValue(rule, DeadlineLabel),
            Responsible = RuleValue(rule, ResponsibleLabel),
            Escalation = RuleValue(rule, EscalationLabel),
            UnifiedReply = Text(UnifiedReplyHeading),
            HeadingLines = headingLines,
        };
    }

    private static List<string> ParseSteps(string markdown)
    {
        var steps = new List<string>();
        foreach (var line in markdown.Split('\n'))
        {
            if (NumberedItem().Match(line) is { Success: true } m)
                steps.Add(m.Groups[1].Value.Trim());
            else if (steps.Count > 0 && line.Length > 0 && char.IsWhiteSpace(line[0]) && line.Trim().Length > 0)
                steps[^1] = steps[^1] + " " + line.Trim();
        }
        return steps;
    }

    private static string? RuleValue(string? rule, string label)
    {
        if (rule is null)
            return null;
        foreach (var line in rule.Split('\n'))
        {
            var m = RuleLine().Match(line);
            if (m.Success && m.Groups["label"].Value.Trim() == label)
                return m.Groups["value"].Value.Trim();
        }
        return null;
    }

    [GeneratedRegex(@"^##\s+(.+?)\s*#*\s*$")]
    private static partial Regex Heading();

    [GeneratedRegex(@"^\s*\d+[.)]\s+(.*)$")]
    private static partial Regex NumberedItem();

    [GeneratedRegex(@"^\s*[-*+]\s+\*\*(?<label>[^*:]+?)\s*:?\s*\*\*\s*:?\s*(?<value>.*)$")]
    private static partial Regex RuleLine();

    [GeneratedRegex(@"^\s*>\s?")]
    private static partial Regex BlockquoteMarker();
}
