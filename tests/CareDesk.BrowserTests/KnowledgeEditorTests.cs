using CareDesk.Features.Accounts;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace CareDesk.BrowserTests;

/// <summary>The content editor's journey in Chromium, with script in every field of an article.</summary>
[Collection(BrowserCollection.Name)]
public sealed class KnowledgeEditorTests(BrowserFixture fixture)
{
    private const string Payload = "<script>window.__xss=1;alert('s')</script><img src=x onerror=\"window.__xss=1;alert('i')\">\"><svg onload=\"window.__xss=1;alert('v')\">";

    private const string BodyPayload = Payload + "\n\n## الإجابة المختصرة\n[اضغط](javascript:window.__xss=1;alert('l')) <iframe src=\"javascript:alert('f')\"></iframe>\n\n![x](javascript:alert('m'))";

    /// <summary>Nothing the payload could do happened: no dialog, no flag, no injected element or handler, no script link.</summary>
    private static async Task AssertInertAsync(IPage page, List<string> dialogs)
    {
        Assert.Empty(dialogs);
        Assert.True(await page.EvaluateAsync<bool>("() => window.__xss === undefined"), "the payload ran");
        Assert.Equal(0, await page.EvaluateAsync<int>("() => [...document.scripts].filter(s => s.textContent.includes('__xss')).length"));
        Assert.Equal(0, await page.EvaluateAsync<int>("() => document.querySelectorAll('[onerror],[onload],iframe,svg[onload]').length"));
        Assert.Equal(0, await page.EvaluateAsync<int>("() => document.querySelectorAll('a[href^=\"javascript:\" i],img[src^=\"javascript:\" i]').length"));
    }

    [Fact]
    public async Task Editor_ScriptInEveryField_StaysInertInPreviewHistoryDiffAndList()
    {
        var page = await fixture.NewSignedInPageAsync(Roles.Editor);
        var dialogs = new List<string>();
        page.Dialog += async (_, d) =>
        {
            dialogs.Add(d.Message);
            await d.DismissAsync();
        };
        var id = "xss-" + Guid.NewGuid().ToString("N")[..8];

        await page.GotoAsync("/knowledge/edit");
        await BrowserFixture.WaitInteractiveAsync(page);
        await page.Locator("#f-id").FillAsync(id);
        foreach (var field in new[] { "#f-topic", "#f-title-ar", "#f-title-en", "#f-summary-ar", "#f-summary-en", "#f-keywords", "#f-case-types", "#f-agencies", "#f-channels", "#f-sources", "#f-note" })
            await page.Locator(field).FillAsync(Payload);
        await page.Locator("#f-body").FillAsync(BodyPayload);
        await Expect(page.GetByTestId("editor-preview").Locator(".kb-article-title")).ToContainTextAsync("<script>");
        await AssertInertAsync(page, dialogs);

        await page.GetByRole(AriaRole.Button, new() { Name = "حفظ كمسودة" }).ClickAsync();
        await page.WaitForURLAsync(u => u.Contains("/knowledge/article", StringComparison.Ordinal));
        await BrowserFixture.WaitInteractiveAsync(page);
        await Expect(page.GetByTestId("kb-history")).ToContainTextAsync("<script>");
        await AssertInertAsync(page, dialogs);

        await page.GetByRole(AriaRole.Link, new() { Name = "تعديل" }).ClickAsync();
        await page.WaitForURLAsync(u => u.Contains("/knowledge/edit", StringComparison.Ordinal));
        await BrowserFixture.WaitInteractiveAsync(page);
        // The page loads the revision after it is shown: typing before that would be overwritten.
        await Expect(page.Locator("#f-title-ar")).ToHaveValueAsync(Payload);
        await page.Locator("#f-body").FillAsync(BodyPayload + "\n\nسطر ثان");
        await page.Locator("#f-note").FillAsync(Payload + " 2");
        await page.GetByRole(AriaRole.Button, new() { Name = "حفظ كمسودة" }).ClickAsync();
        await page.WaitForURLAsync(u => u.Contains("rev=2", StringComparison.Ordinal));
        await BrowserFixture.WaitInteractiveAsync(page);
        await page.GetByRole(AriaRole.Button, new() { Name = "قارن" }).ClickAsync();
        await Expect(page.GetByTestId("kb-diff")).ToContainTextAsync("سطر ثان");
        await Expect(page.GetByTestId("kb-diff")).ToContainTextAsync("<script>");
        await AssertInertAsync(page, dialogs);

        await page.GotoAsync("/knowledge");
        await Expect(page.GetByTestId("kb-articles")).ToContainTextAsync(id);
        await AssertInertAsync(page, dialogs);
    }

    [Fact]
    public async Task EditorSubmits_OtherReviewerApproves_RevisionPublished()
    {
        var editor = await fixture.NewSignedInPageAsync(Roles.Editor);
        var id = "fourEyes-".ToLowerInvariant() + Guid.NewGuid().ToString("N")[..8];
        await editor.GotoAsync("/knowledge/edit?id=mof-contact");
        await BrowserFixture.WaitInteractiveAsync(editor);
        await Expect(editor.Locator("#f-keywords")).ToHaveValueAsync(new System.Text.RegularExpressions.Regex("19990"));
        await editor.Locator("#f-keywords").FillAsync("19990، " + id);
        await editor.Locator("#f-note").FillAsync("كلمة مفتاحية جديدة");
        await editor.GetByRole(AriaRole.Button, new() { Name = "حفظ وإرسال للمراجعة" }).ClickAsync();
        await editor.WaitForURLAsync(u => u.Contains("/knowledge/article", StringComparison.Ordinal));
        await Expect(editor.GetByTestId("kb-history")).ToContainTextAsync("قيد المراجعة");
        await Expect(editor.GetByTestId("review-panel")).ToHaveCountAsync(0);

        var reviewer = await fixture.NewSignedInPageAsync(Roles.Reviewer);
        await reviewer.GotoAsync("/knowledge/review");
        await reviewer.GetByTestId("kb-review-queue").GetByRole(AriaRole.Link).First.ClickAsync();
        await reviewer.WaitForURLAsync(u => u.Contains("/knowledge/article", StringComparison.Ordinal));
        await BrowserFixture.WaitInteractiveAsync(reviewer);
        await reviewer.GetByRole(AriaRole.Button, new() { Name = "اعتماد ونشر" }).ClickAsync();

        await Expect(reviewer.GetByRole(AriaRole.Status)).ToContainTextAsync("نُشرت");
        await Expect(reviewer.GetByTestId("revision-view")).ToContainTextAsync(id);
    }
}
