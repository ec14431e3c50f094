using System.Text.Json;

namespace CareDesk.Testing;

/// <summary>The demo users of <c>seeds/demo-users.json</c> (created when the app runs in Development), for tests to sign in with.</summary>
public static class DemoAccounts
{
    public sealed record Account(string UserName, string Password, string Role, string? Agency, string DisplayNameAr, string DisplayNameEn);

    public static IReadOnlyList<Account> All { get; } = Load();

    /// <summary>The first demo user with the role (for a liaison, of the agency when given).</summary>
    public static Account For(string role, string? agency = null) =>
        All.First(a => a.Role == role && (agency is null || a.Agency == agency));

    private static List<Account> Load()
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(Path.Combine(TestPaths.RepoRoot, "seeds", "demo-users.json")));
        return doc.RootElement.GetProperty("users").EnumerateArray().Select(u => new Account(
            u.GetProperty("username").GetString()!,
            u.GetProperty("password").GetString()!,
            u.GetProperty("role").GetString()!,
            u.TryGetProperty("agency", out var a) ? a.GetString() : null,
            u.GetProperty("display_name_ar").GetString()!,
            u.GetProperty("display_name_en").GetString()!)).ToList();
    }
}
