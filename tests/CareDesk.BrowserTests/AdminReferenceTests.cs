using CareDesk.Features.Accounts;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace CareDesk.BrowserTests;

/// <summary>The administrator's reference data page in Chromium: a liaison's phone and a stage's SLA changed and kept; other roles kept out.</summary>
[Collection(BrowserCollection.Name)]
public sealed class AdminReferenceTests(BrowserFixture fixture)
{
    [Fact]
    public async Task Admin_ChangesLiaisonPhoneAndStageSla_SeesThemSavedAndBadInputRefused()
    {
        var page = await fixture.NewSignedInPageAsync(Roles.Admin);
        await page.GotoAsync("/admin");
        await BrowserFixture.WaitInteractiveAsync(page);
        var agencies = page.Locator("#agencies");
        var passports = page.GetByTestId("agencies-table").Locator("tr[data-agency=PASSPORTS]");

        await page.GetByRole(AriaRole.Button, new() { Name = "تعديل PASSPORTS", Exact = true }).ClickAsync();
        await page.Locator("#ag-backup-phone").FillAsync("٠٥٠ رقم");
        await agencies.GetByRole(AriaRole.Button, new() { Name = "حفظ", Exact = true }).ClickAsync();
        await Expect(agencies.GetByTestId("reference-result")).ToContainTextAsync("لم يُحفظ شيء");
        await Expect(agencies.GetByTestId("reference-result")).ToContainTextAsync("هاتف ضابط الاتصال PASSPORTS/backup");
        await Expect(passports).Not.ToContainTextAsync("٠٥٠ رقم");

        await page.Locator("#ag-backup-phone").FillAsync("+966 11 555 0222");
        await agencies.GetByRole(AriaRole.Button, new() { Name = "حفظ", Exact = true }).ClickAsync();
        await Expect(agencies.GetByTestId("reference-result")).ToContainTextAsync("حُفظ التغيير");
        await Expect(passports).ToContainTextAsync("+966 11 555 0222");

        var journeys = page.Locator("#journeys");
        await page.GetByRole(AriaRole.Button, new() { Name = "تعديل etimad-debt 2", Exact = true }).ClickAsync();
        await page.Locator("#st-sla").FillAsync("4");
        await journeys.GetByRole(AriaRole.Button, new() { Name = "حفظ", Exact = true }).ClickAsync();
        await Expect(journeys.GetByTestId("reference-result")).ToContainTextAsync("حُفظ التغيير");
        var stage = page.GetByTestId("journey-etimad-debt").Locator("tr[data-stage=etimad-follow-up]");
        await Expect(stage).ToContainTextAsync("4 أيام عمل");

        await page.ReloadAsync();
        await Expect(passports).ToContainTextAsync("+966 11 555 0222");
        await Expect(stage).ToContainTextAsync("4 أيام عمل");
    }

    [Fact]
    public async Task Admin_AddsAndRemovesADayOff_ListedInBothCalendars()
    {
        var page = await fixture.NewSignedInPageAsync(Roles.Admin);
        await page.GotoAsync("/admin");
        await BrowserFixture.WaitInteractiveAsync(page);
        var holidays = page.Locator("#holidays");
        var extra = page.GetByTestId("extra-holidays");

        await page.Locator("#hd-date").FillAsync("2027-01-05");
        await page.Locator("#hd-name-ar").FillAsync("إجازة معلنة");
        await page.Locator("#hd-name-en").FillAsync("Declared day off");
        await holidays.GetByRole(AriaRole.Button, new() { Name = "إضافة يوم إجازة" }).ClickAsync();

        await Expect(holidays.GetByTestId("reference-result")).ToContainTextAsync("حُفظ التغيير");
        await Expect(extra).ToContainTextAsync("2027-01-05 · 1448/07/27هـ");
        await Expect(extra).ToContainTextAsync("إجازة معلنة");

        await page.GetByRole(AriaRole.Button, new() { Name = "حذف 2027-01-05", Exact = true }).ClickAsync();
        await Expect(extra).ToContainTextAsync("لا توجد إجازات إضافية");
    }

    [Fact]
    public async Task TwoAdmins_EditTheSameAgency_SecondIsToldAndSeesTheFirstsChange()
    {
        var first = await fixture.NewSignedInPageAsync(Roles.Admin);
        var second = await fixture.NewSignedInPageAsync(Roles.Admin);
        foreach (var page in new[] { first, second })
        {
            await page.GotoAsync("/admin");
            await BrowserFixture.WaitInteractiveAsync(page);
            await page.GetByRole(AriaRole.Button, new() { Name = "تعديل MOFA", Exact = true }).ClickAsync();
        }

        await first.Locator("#ag-backup-phone").FillAsync("٠١١ ٥٥٥ ٠٤٠٢");
        await first.Locator("#agencies").GetByRole(AriaRole.Button, new() { Name = "حفظ", Exact = true }).ClickAsync();
        await Expect(first.Locator("#agencies").GetByTestId("reference-result")).ToContainTextAsync("حُفظ التغيير");
        await Expect(first.GetByTestId("agencies-table").Locator("tr[data-agency=MOFA]")).ToContainTextAsync("011 555 0402");

        await second.Locator("#ag-backup-email").FillAsync("second.admin@mofa.gov.sa");
        await second.Locator("#agencies").GetByRole(AriaRole.Button, new() { Name = "حفظ", Exact = true }).ClickAsync();

        await Expect(second.Locator("#agencies").GetByTestId("reference-result")).ToContainTextAsync("غيّر مسؤول آخر هذا العنصر");
        await Expect(second.Locator("#ag-backup-phone")).ToHaveValueAsync("011 555 0402");
        await Expect(second.Locator("#ag-backup-email")).Not.ToHaveValueAsync("second.admin@mofa.gov.sa");
    }

    [Theory]
    [InlineData(Roles.Agent, null)]
    [InlineData(Roles.Liaison, "NIC")]
    public async Task OtherRole_OpensAdmin_Denied(string role, string? agency)
    {
        var page = await fixture.NewPageAsync();
        await BrowserFixture.SignInAsRoleAsync(page, role, agency);

        await page.GotoAsync("/admin");

        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "لا تملك صلاحية لهذه الصفحة", Level = 1 })).ToBeVisibleAsync();
        await Expect(page.GetByTestId("agencies-table")).ToHaveCountAsync(0);
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "الإدارة" })).ToHaveCountAsync(0);
    }
}
