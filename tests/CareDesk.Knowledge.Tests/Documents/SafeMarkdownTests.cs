using CareDesk.Knowledge.Documents;

namespace CareDesk.Knowledge.Tests.Documents;

public class SafeMarkdownTests
{
    [Theory]
    [InlineData("<script>alert(1)</script>")]
    [InlineData("نص <img src=x onerror=alert(1)> نص")]
    [InlineData("<iframe src=\"https://evil.example\"></iframe>")]
    public void ToHtml_RawHtml_IsEscapedNotEmitted(string markdown)
    {
        var html = SafeMarkdown.ToHtml(markdown);

        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<img", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<iframe", html, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("&lt;", html);
    }

    [Theory]
    [InlineData("[اضغط](javascript:alert(1))")]
    [InlineData("[x](JaVaScRiPt:alert(1))")]
    [InlineData("[x](data:text/html;base64,PHNjcmlwdD4=)")]
    [InlineData("[x](//evil.example/path)")]
    [InlineData("![x](javascript:alert(1))")]
    [InlineData("<javascript:alert(1)>")]
    public void ToHtml_UnsafeLinkTarget_IsDropped(string markdown)
    {
        var html = SafeMarkdown.ToHtml(markdown);

        Assert.DoesNotContain("javascript:", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("data:", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("//evil", html);
    }

    [Theory]
    [InlineData("[أبشر](https://www.absher.sa)", "href=\"https://www.absher.sa\"")]
    [InlineData("[المقال](/articles/refund-duration)", "href=\"/articles/refund-duration\"")]
    [InlineData("[القاعدة](#rule)", "href=\"#rule\"")]
    public void ToHtml_AllowedLink_KeepsTarget(string markdown, string expected)
    {
        Assert.Contains(expected, SafeMarkdown.ToHtml(markdown));
    }

    [Fact]
    public void ToHtml_StepsAndBold_RenderAsListAndStrong()
    {
        var html = SafeMarkdown.ToHtml("1. ادخل إلى **أبشر**\n2. اختر الخدمات");

        Assert.Contains("<ol>", html);
        Assert.Contains("<strong>أبشر</strong>", html);
    }
}
