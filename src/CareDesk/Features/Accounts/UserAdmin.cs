using System.Security.Claims;
using CareDesk.Features.Audit;
using Dapper;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Npgsql;

namespace CareDesk.Features.Accounts;

/// <summary>
/// What the admin page does to users. Each action checks <see cref="Policies.Administer"/> for the
/// acting user itself (a component action is not protected by the page's attribute alone), validates
/// its input, audits, and renews the user's security stamp when a role, password or lock changes, which
/// signs that user out everywhere.
/// </summary>
public sealed class UserAdmin(
    UserManager<CareDeskUser> users,
    IAuthorizationService authorization,
    IAuditLog audit,
    NpgsqlDataSource dataSource)
{
    public sealed record NewUser(string UserName, string DisplayNameAr, string DisplayNameEn, string Role, string? Agency, string Password);

    /// <summary>The outcome: <see cref="Error"/> is a <c>ui-text.json</c> key (plus Identity's own description, if any).</summary>
    public sealed record Result(bool Succeeded, string? Error = null, string? Detail = null)
    {
        public static readonly Result Ok = new(true);

        public static Result Fail(string key, string? detail = null) => new(false, key, detail);
    }

    public async Task<IReadOnlyList<CareDeskUser>> ListAsync(ClaimsPrincipal actor, CancellationToken ct = default)
    {
        await RequireAdminAsync(actor);
        await using var conn = await dataSource.OpenConnectionAsync(ct);
        var rows = await conn.QueryAsync<UserStore.UserRow>(new CommandDefinition($"{UserStore.SelectUsers} ORDER BY user_name", cancellationToken: ct));
        return rows.Select(r => UserStore.Map(r)!).ToList();
    }

    public async Task<Result> CreateAsync(ClaimsPrincipal actor, NewUser n)
    {
        await RequireAdminAsync(actor);
        if (!AccountInput.IsUserName(n.UserName))
            return Result.Fail("admin.error.username");
        if (!AccountInput.IsDisplayName(n.DisplayNameAr) || !AccountInput.IsDisplayName(n.DisplayNameEn))
            return Result.Fail("admin.error.displayname");
        if (CheckRole(n.Role, n.Agency) is { } bad)
            return bad;
        if (!AccountInput.IsPassword(n.Password))
            return Result.Fail("admin.error.password");
        var user = new CareDeskUser
        {
            UserName = n.UserName,
            DisplayNameAr = n.DisplayNameAr.Trim(),
            DisplayNameEn = n.DisplayNameEn.Trim(),
            Role = UserStore.Canonical(n.Role),
            Agency = Blank(n.Agency),
        };
        var result = await users.CreateAsync(user, n.Password);
        if (!result.Succeeded)
            return Identity(result);
        await audit.WriteAsync(AuditEntry.By(actor, AuditActions.UserCreated, user.UserName, details: $"{user.Role} {user.Agency}".Trim()));
        return Result.Ok;
    }

    public async Task<Result> ChangeRoleAsync(ClaimsPrincipal actor, string userName, string role, string? agency)
    {
        await RequireAdminAsync(actor);
        if (CheckRole(role, agency) is { } bad)
            return bad;
        if (await users.FindByNameAsync(userName) is not { } user)
            return Result.Fail("admin.error.nouser");
        var before = $"{user.Role} {user.Agency}".Trim();
        user.Role = UserStore.Canonical(role);
        user.Agency = Blank(agency);
        if (await users.UpdateSecurityStampAsync(user) is { Succeeded: false } failed)
            return Identity(failed);
        await audit.WriteAsync(AuditEntry.By(actor, AuditActions.RoleChanged, user.UserName, details: $"{before} → {user.Role} {user.Agency}".Trim()));
        return Result.Ok;
    }

    public async Task<Result> ResetPasswordAsync(ClaimsPrincipal actor, string userName, string password)
    {
        await RequireAdminAsync(actor);
        if (!AccountInput.IsPassword(password))
            return Result.Fail("admin.error.password");
        if (await users.FindByNameAsync(userName) is not { } user)
            return Result.Fail("admin.error.nouser");
        foreach (var v in users.PasswordValidators)
        {
            var check = await v.ValidateAsync(users, user, password);
            if (!check.Succeeded)
                return Identity(check);
        }
        user.PasswordHash = users.PasswordHasher.HashPassword(user, password);
        if (await users.UpdateSecurityStampAsync(user) is { Succeeded: false } failed)
            return Identity(failed);
        await audit.WriteAsync(AuditEntry.By(actor, AuditActions.PasswordReset, user.UserName));
        return Result.Ok;
    }

    public async Task<Result> SetLockedAsync(ClaimsPrincipal actor, string userName, bool locked)
    {
        await RequireAdminAsync(actor);
        if (await users.FindByNameAsync(userName) is not { } user)
            return Result.Fail("admin.error.nouser");
        if (locked && string.Equals(user.UserName, actor.Identity?.Name, StringComparison.OrdinalIgnoreCase))
            return Result.Fail("admin.error.lockself");
        user.LockoutEnd = locked ? DateTimeOffset.MaxValue : null;
        user.AccessFailedCount = 0;
        if (await users.UpdateSecurityStampAsync(user) is { Succeeded: false } failed)
            return Identity(failed);
        await audit.WriteAsync(AuditEntry.By(actor, locked ? AuditActions.UserLocked : AuditActions.UserUnlocked, user.UserName));
        return Result.Ok;
    }

    private static Result? CheckRole(string role, string? agency)
    {
        if (UserStore.Canonical(role) is not { } r)
            return Result.Fail("admin.error.role");
        var a = Blank(agency);
        if (a is not null && !AccountInput.OwnerAgencies.Contains(a))
            return Result.Fail("admin.error.agency");
        if (r == Roles.Liaison && a is null)
            return Result.Fail("admin.error.liaisonagency");
        return null;
    }

    private async Task RequireAdminAsync(ClaimsPrincipal actor)
    {
        if (!(await authorization.AuthorizeAsync(actor, Policies.Administer)).Succeeded)
            throw new UnauthorizedAccessException("Administer policy required");
    }

    private static Result Identity(IdentityResult r) =>
        Result.Fail(r.Errors.Any(e => e.Code == nameof(IdentityErrorDescriber.DuplicateUserName)) ? "admin.error.duplicate" : "admin.error.identity",
            string.Join(" ", r.Errors.Select(e => e.Description)));

    private static string? Blank(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();
}
