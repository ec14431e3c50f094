using System.Text.Json;
using System.Text.Json.Serialization;
using CareDesk.Data;
using CareDesk.Features.Knowledge;
using CareDesk.Hosting;
using Microsoft.AspNetCore.Identity;

namespace CareDesk.Features.Accounts;

/// <summary>
/// In the demo/development environment only: creates the users of <c>seeds/demo-users.json</c> that do
/// not exist yet (never changes one that does), and lists their sign-ins in the start-up banner.
/// </summary>
public sealed class DemoUsers(AccountsOptions options, ContentOptions content, IServiceScopeFactory scopes, ILogger<DemoUsers> logger)
    : IStartupStep, IBannerLine
{
    public const string FileName = "demo-users.json";

    private IReadOnlyList<DemoUser> _created = [];

    public int Order => 30;

    public async Task RunAsync(CancellationToken ct)
    {
        if (!options.DemoUsers)
            return;
        var path = Path.Combine(content.SeedsDirectory, FileName);
        if (!File.Exists(path))
        {
            logger.LogWarning("No demo users: {Path} does not exist", path);
            return;
        }
        var users = Read(path);
        await using var scope = scopes.CreateAsyncScope();
        var manager = scope.ServiceProvider.GetRequiredService<UserManager<CareDeskUser>>();
        foreach (var d in users)
        {
            if (await manager.FindByNameAsync(d.UserName) is not null)
                continue;
            var user = new CareDeskUser
            {
                UserName = d.UserName,
                DisplayNameAr = d.DisplayNameAr,
                DisplayNameEn = d.DisplayNameEn,
                Role = UserStore.Canonical(d.Role) ?? throw new StartupException($"{path}: {d.UserName} has an unknown role '{d.Role}'"),
                Agency = d.Agency,
            };
            var result = await manager.CreateAsync(user, d.Password);
            // Another node may have created it a moment ago; that is the same outcome.
            if (!result.Succeeded && result.Errors.All(e => e.Code != nameof(IdentityErrorDescriber.DuplicateUserName)))
                throw new StartupException($"{path}: cannot create demo user {d.UserName}: {string.Join("; ", result.Errors.Select(e => e.Description))}");
        }
        _created = users;
        logger.LogInformation("Demo users ready: {Count}", users.Count);
    }

    public IEnumerable<string> Lines()
    {
        if (_created.Count == 0)
            yield break;
        yield return "Demo sign-ins (development only) — حسابات تجريبية:";
        foreach (var u in _created)
            yield return $"    {u.UserName,-24} {u.Password,-26} {u.Role}{(u.Agency is null ? "" : " / " + u.Agency)}";
    }

    public static IReadOnlyList<DemoUser> Read(string path)
    {
        try
        {
            var file = JsonSerializer.Deserialize<DemoUsersFile>(File.ReadAllText(path));
            return file?.Users ?? throw new StartupException($"{path} has no \"users\" list");
        }
        catch (JsonException ex)
        {
            throw new StartupException($"{path} is not valid: {ex.Message}", ex);
        }
    }

    public sealed record DemoUsersFile([property: JsonPropertyName("users")] IReadOnlyList<DemoUser> Users);

    public sealed record DemoUser(
        [property: JsonPropertyName("username")] string UserName,
        [property: JsonPropertyName("display_name_ar")] string DisplayNameAr,
        [property: JsonPropertyName("display_name_en")] string DisplayNameEn,
        [property: JsonPropertyName("role")] string Role,
        [property: JsonPropertyName("agency")] string? Agency,
        [property: JsonPropertyName("password")] string Password);
}
