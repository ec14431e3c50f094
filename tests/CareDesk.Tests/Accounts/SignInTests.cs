using System.Net;
using System.Text;
using CareDesk.Features.Accounts;
using CareDesk.Testing;
using Dapper;
using Microsoft.Extensions.DependencyInjection;

namespace CareDesk.Tests.Accounts;

/// <summary>Sign-in, lockout, sign-out everywhere, headers and hostile input, over HTTP against the real app.</summary>
[Collection(SecureAppCollection.Name)]
public sealed class SignInTests(SecureAppFixture fixture)
{
    private string BaseUrl => fixture.App.BaseUrl;

    [Fact]
    public async Task SignIn_DemoAgent_LandsOnConsoleWithHttpOnlyCookie()
    {
        var agent = DemoAccounts.For(Roles.Agent);
        using var client = HttpSignIn.NewClient(BaseUrl);

        using var response = await HttpSignIn.PostAsync(client, agent.UserName, agent.Password);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/", response.Headers.Location?.OriginalString);
        var cookie = Assert.Single(response.Headers.GetValues("Set-Cookie"), c => c.StartsWith("CareDesk.Auth=", StringComparison.Ordinal));
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=lax", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/")).StatusCode);
    }

    [Fact]
    public async Task SignIn_WithoutAntiforgeryToken_RejectedAndNotSignedIn()
    {
        var agent = DemoAccounts.For(Roles.Agent);
        using var client = HttpSignIn.NewClient(BaseUrl);

        using var response = await client.PostAsync("/account/signin/submit", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["UserName"] = agent.UserName,
            ["Password"] = agent.Password,
        }));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.DoesNotContain(response.Headers.TryGetValues("Set-Cookie", out var c) ? c : [], v => v.StartsWith("CareDesk.Auth=", StringComparison.Ordinal));
    }

    [Fact]
    public async Task SignIn_UnknownUserOrWrongPassword_SameAnswerInBothLanguages()
    {
        var (name, _) = await fixture.NewUserAsync(Roles.Agent);
        using var client = HttpSignIn.NewClient(BaseUrl);

        using var unknown = await HttpSignIn.PostAsync(client, "nobody.here", "Whatever-2026!");
        using var wrong = await HttpSignIn.PostAsync(client, name, "Wrong-Pass-2026!");

        Assert.Equal(unknown.Headers.Location, wrong.Headers.Location);
        Assert.Equal("/account/signin?error=failed", wrong.Headers.Location?.OriginalString);
        var arabic = await client.GetStringAsync(wrong.Headers.Location);
        Assert.Contains("تعذر تسجيل الدخول. تحقق من اسم المستخدم وكلمة المرور", arabic);
        await client.GetAsync("/culture/en");
        Assert.Contains("Sign-in failed. Check the user name and password", await client.GetStringAsync(wrong.Headers.Location));
    }

    [Fact]
    public async Task SignIn_ConfiguredFailuresInARow_LockedOutEvenWithRightPasswordSameMessage()
    {
        var (name, password) = await fixture.NewUserAsync(Roles.Agent);
        using var client = HttpSignIn.NewClient(BaseUrl);

        for (var i = 0; i < SecureAppFixture.LockoutFailures; i++)
            (await HttpSignIn.PostAsync(client, name, "Wrong-Pass-2026!")).Dispose();
        using var right = await HttpSignIn.PostAsync(client, name, password);

        Assert.Equal("/account/signin?error=failed", right.Headers.Location?.OriginalString);
        await using var conn = await fixture.Data.OpenConnectionAsync();
        Assert.True(await conn.ExecuteScalarAsync<bool>("SELECT lockout_end > now() FROM users WHERE user_name = @name", new { name }));
        var audited = (await conn.QueryAsync<string>("SELECT details FROM audit_log WHERE actor = @name AND action = 'signin.failure' ORDER BY id", new { name })).ToList();
        Assert.Equal([.. Enumerable.Repeat("wrong password", SecureAppFixture.LockoutFailures - 1), "locked out", "locked out"], audited);
    }

    [Fact]
    public async Task Cookie_RoleChangedByAdmin_SignedOutOnNextRequest()
    {
        var (name, password) = await fixture.NewUserAsync(Roles.Supervisor);
        using var client = await HttpSignIn.SignedInClientAsync(BaseUrl, name, password);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/reports")).StatusCode);

        await using (var scope = fixture.Services.CreateAsyncScope())
            Assert.True((await scope.ServiceProvider.GetRequiredService<UserAdmin>().ChangeRoleAsync(AccountsTestServices.Admin, name, Roles.Agent, null)).Succeeded);
        using var after = await client.GetAsync("/");

        Assert.Equal(HttpStatusCode.Redirect, after.StatusCode);
        Assert.StartsWith("/account/signin", after.Headers.Location?.AbsolutePath);
    }

    [Fact]
    public async Task Cookie_PasswordResetElsewhere_SignedOutOnNextRequest()
    {
        var (name, password) = await fixture.NewUserAsync(Roles.Agent);
        using var client = await HttpSignIn.SignedInClientAsync(BaseUrl, name, password);

        await using (var scope = fixture.Services.CreateAsyncScope())
            Assert.True((await scope.ServiceProvider.GetRequiredService<UserAdmin>().ResetPasswordAsync(AccountsTestServices.Admin, name, "Brand-New-2026!")).Succeeded);
        using var after = await client.GetAsync("/");

        Assert.StartsWith("/account/signin", after.Headers.Location?.AbsolutePath);
    }

    [Fact]
    public async Task SignOut_WithToken_CookieNoLongerAdmits()
    {
        var (name, password) = await fixture.NewUserAsync(Roles.Agent);
        using var client = await HttpSignIn.SignedInClientAsync(BaseUrl, name, password);
        var html = await client.GetStringAsync("/");
        var token = System.Text.RegularExpressions.Regex.Match(html, "name=\"__RequestVerificationToken\" value=\"([^\"]+)\"").Groups[1].Value;

        using var withoutToken = await client.PostAsync("/account/signout", new FormUrlEncodedContent([]));
        Assert.Equal(HttpStatusCode.BadRequest, withoutToken.StatusCode);
        using var signedOut = await client.PostAsync("/account/signout", new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = WebUtility.HtmlDecode(token) }));

        Assert.Equal("/account/signin", signedOut.Headers.Location?.OriginalString);
        Assert.StartsWith("/account/signin", (await client.GetAsync("/")).Headers.Location?.AbsolutePath);
    }

    [Theory]
    [InlineData("/account/signin")]
    [InlineData("/health")]
    [InlineData("/")]
    public async Task Response_AnyPage_CarriesSecurityHeaders(string path)
    {
        using var client = HttpSignIn.NewClient(BaseUrl);

        using var response = await client.GetAsync(path);

        var csp = response.Headers.GetValues("Content-Security-Policy").Single();
        Assert.Contains("default-src 'self'", csp);
        Assert.Matches("script-src 'self' 'nonce-[A-Za-z0-9+/=]{24}';", csp);
        Assert.DoesNotContain("unsafe-inline'; img", csp.Split("style-src")[0]);
        Assert.Contains("frame-ancestors 'none'", csp);
        Assert.DoesNotContain("unsafe-eval", csp);
        Assert.Equal("DENY", response.Headers.GetValues("X-Frame-Options").Single());
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("strict-origin-when-cross-origin", response.Headers.GetValues("Referrer-Policy").Single());
    }

    public static TheoryData<string, string> HostileSignIns => new()
    {
        { "<script>alert(1)</script>", "Whatever-2026!" },
        { "admin.demo' OR '1'='1' --", "x' OR '1'='1" },
        { "admin.demo", new string('p', 1024 * 1024) },
        { new string('u', 1024 * 1024), "Whatever-2026!" },
        { "admin.demo", "bad\uD800password" },
        { "agent\uDC00.demo", "Whatever-2026!" },
    };

    [Theory]
    [MemberData(nameof(HostileSignIns))]
    public async Task SignIn_HostileInput_RejectedWithClearMessageNothingElseHappens(string userName, string password)
    {
        using var client = HttpSignIn.NewClient(BaseUrl);
        var token = await HttpSignIn.FormTokenAsync(client);
        // Lone surrogates cannot be encoded by .NET's UTF-8 encoder; send the bytes a broken client would (CESU-style).
        var body = "__RequestVerificationToken=" + Uri.EscapeDataString(token) + "&UserName=" + Encode(userName) + "&Password=" + Encode(password);

        using var response = await client.PostAsync("/account/signin/submit", new StringContent(body, Encoding.ASCII, "application/x-www-form-urlencoded"));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var location = response.Headers.Location!.OriginalString;
        Assert.True(location is "/account/signin?error=invalid" or "/account/signin?error=failed", location);
        var page = await client.GetStringAsync(location);
        Assert.Contains("role=\"alert\"", page);
        Assert.DoesNotContain("<script>alert(1)</script>", page);
        Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync("/")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health")).StatusCode);
    }

    [Theory]
    [InlineData("from=2026-99-99")]
    [InlineData("from=1%27%20OR%201%3D1--")]
    [InlineData("user=nul%00byte")]
    [InlineData("action=%3Cscript%3E%0A")]
    public async Task AuditExport_HostileQuery_BadRequestWithMessage(string query)
    {
        var supervisor = DemoAccounts.For(Roles.Supervisor);
        using var client = await HttpSignIn.SignedInClientAsync(BaseUrl, supervisor.UserName, supervisor.Password);

        using var response = await client.GetAsync("/audit/export.csv?" + query);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("قيم التصفية غير صالحة", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task AuditExport_Supervisor_CsvWithBomListingSignIns()
    {
        var supervisor = DemoAccounts.For(Roles.Supervisor);
        using var client = await HttpSignIn.SignedInClientAsync(BaseUrl, supervisor.UserName, supervisor.Password);

        using var response = await client.GetAsync($"/audit/export.csv?user={supervisor.UserName}&action=signin.success");
        var bytes = await response.Content.ReadAsByteArrayAsync();

        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(new byte[] { 0xEF, 0xBB, 0xBF }, bytes[..3]);
        var lines = Encoding.UTF8.GetString(bytes[3..]).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.True(lines.Length >= 2);
        Assert.All(lines.Skip(1), l => Assert.Contains($",{supervisor.UserName},signin.success,", l));
    }

    [Fact]
    public async Task Logs_SignInWithIdNumberAndPassword_NeitherAppearsInOutput()
    {
        using var client = HttpSignIn.NewClient(BaseUrl);
        const string nationalId = "1098765432";
        const string password = "Secret-Pass-Never-Logged-2026!";

        (await HttpSignIn.PostAsync(client, nationalId, password)).Dispose();
        (await HttpSignIn.PostAsync(client, DemoAccounts.For(Roles.Editor).UserName, password)).Dispose();
        // The log is written after the answer: wait for the masked line (15 s on a loaded machine), then read everything.
        using (var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(15)))
        {
            while (!fixture.App.Output.Contains("Sign-in failed for 1••••••432") && !timeout.IsCancellationRequested)
                await Task.Delay(50);
        }

        var output = fixture.App.Output;
        Assert.Contains("Sign-in failed for 1••••••432", output);
        Assert.DoesNotContain(nationalId, output);
        Assert.DoesNotContain(password, output);
    }

    private static string Encode(string s)
    {
        var sb = new StringBuilder();
        for (var i = 0; i < s.Length; i++)
        {
            var c = s[i];
            if (char.IsSurrogate(c) && !(char.IsHighSurrogate(c) && i + 1 < s.Length && char.IsLowSurrogate(s[i + 1])))
            {
                // The three bytes a lone surrogate becomes in CESU-8 / WTF-8: not valid UTF-8.
                sb.Append($"%{0xE0 | (c >> 12):X2}%{0x80 | ((c >> 6) & 0x3F):X2}%{0x80 | (c & 0x3F):X2}");
                continue;
            }
            sb.Append(Uri.EscapeDataString(c.ToString()));
        }
        return sb.ToString();
    }
}
