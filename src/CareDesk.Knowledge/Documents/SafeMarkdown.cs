using Markdig;
using Markdig.Renderers;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;

namespace CareDesk.Knowledge.Documents;

/// <summary>
/// Renders article Markdown to HTML that cannot run script in an agent's browser: raw HTML in the
/// source is escaped (Markdig's DisableHtml), and a link or image whose target is not http(s), a
/// site-relative path or an in-page anchor loses its target (so no <c>javascript:</c> or <c>data:</c>).
/// </summary>
public static class SafeMarkdown
{
    private static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder()
        .DisableHtml()
        .UsePipeTables()
        .UseAutoLinks()
        .Build();

    /// <summary>The HTML of <paramref name="markdown"/>; safe to insert as markup.</summary>
    public static string ToHtml(string? markdown)
    {
        if (string.IsNullOrEmpty(markdown))
            return "";
        var document = Markdown.Parse(markdown, Pipeline);
        foreach (var link in document.Descendants<LinkInline>())
        {
            if (!IsAllowedUrl(link.Url))
                link.Url = "";
        }
        foreach (var auto in document.Descendants<AutolinkInline>())
        {
            if (!IsAllowedUrl(auto.Url))
                auto.Url = "";
        }
        using var writer = new StringWriter();
        var renderer = new HtmlRenderer(writer);
        Pipeline.Setup(renderer);
        renderer.Render(document);
        writer.Flush();
        return writer.ToString();
    }

    /// <summary>http(s) addresses, site-relative paths and in-page anchors; nothing else.</summary>
    public static bool IsAllowedUrl(string? url)
    {
        if (string.IsNullOrWhiteSpace(url))
            return false;
        var u = url.Trim();
        if (u.StartsWith('#'))
            return true;
        if (u.StartsWith('/') && !u.StartsWith("//", StringComparison.Ordinal) && !u.StartsWith("/\\", StringComparison.Ordinal))
            return true;
        return Uri.TryCreate(u, UriKind.Absolute, out var abs) && (abs.Scheme == Uri.UriSchemeHttps || abs.Scheme == Uri.UriSchemeHttp);
    }
}
