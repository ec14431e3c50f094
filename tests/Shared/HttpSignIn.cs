using System.Net;
using System.Text.RegularExpressions;

namespace CareDesk.Testing;

/// <summary>Signs in over HTTP the way a browser does (the form, its antiforgery token, the cookie), for API and authorization tests.</summary>
public static partial class HttpSignIn
{
    /// <summary>A client that keeps cookies and does not follow redirects (so a test sees 302 to the sign-in page).</summary>
    public static HttpClient NewClient(string baseUrl, CookieContainer? cookies = null) =>
        new(new HttpClientHandler { CookieContainer = cookies ?? new CookieContainer(), AllowAutoRedirect = false, UseCookies = true })
        {
            BaseAddress = new Uri(baseUrl),
            Timeout = TimeSpan.FromSeconds(30),
        };

    /// <summary>The sign-in form's antiforgery token (and, in the client's cookies, its cookie).</summary>
    public static async Task<string> FormTokenAsync(HttpClient client)
    {
        var html = await client.GetStringAsync("/account/signin");
        return TokenPattern().Match(html) is { Success: true } m ? WebUtility.HtmlDecode(m.Groups[1].Value) : throw new InvalidOperationException("no antiforgery token on /account/signin");
    }

    /// <summary>Posts the sign-in form; returns the response (302 to the landing page on success, back to the form on failure).</summary>
    public static async Task<HttpResponseMessage> PostAsync(HttpClient client, string userName, string password, string? token = null)
    {
        token ??= await FormTokenAsync(client);
        return await client.PostAsync("/account/signin/submit", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token,
            ["UserName"] = userName,
            ["Password"] = password,
        }));
    }

    /// <summary>A client signed in as the user; throws when the sign-in fails.</summary>
    public static async Task<HttpClient> SignedInClientAsync(string baseUrl, string userName, string password)
    {
        var client = NewClient(baseUrl);
        using var response = await PostAsync(client, userName, password);
        var location = response.Headers.Location?.OriginalString ?? "";
        if (response.StatusCode != HttpStatusCode.Redirect || location.Contains("/account/signin", StringComparison.Ordinal))
            throw new InvalidOperationException($"sign-in as {userName} failed: {(int)response.StatusCode} {location}");
        return client;
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex TokenPattern();
}
