namespace CareDesk.Knowledge.Documents;

/// <summary>
/// One thing wrong with a content or seed file, located by file and line, in English with Arabic
/// beside so both an engineer and an editor can act on it.
/// </summary>
/// <param name="File">The file's path as it was given to the loader.</param>
/// <param name="Line">1-based line number; 0 when the problem concerns the whole file.</param>
/// <param name="Code">A stable kebab-case code for the kind of problem (for tests and filters).</param>
/// <param name="MessageEn">Plain English message.</param>
/// <param name="MessageAr">The same message in Arabic.</param>
public sealed record ContentProblem(string File, int Line, string Code, string MessageEn, string MessageAr)
{
    /// <summary>The message in both languages: English, then Arabic.</summary>
    public string Message => $"{MessageEn} — {MessageAr}";

    /// <summary>Formats the problem as <c>file:line: message</c>.</summary>
    public override string ToString() => $"{File}:{Line}: {Message}";
}
