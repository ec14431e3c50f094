using Dapper;
using Microsoft.AspNetCore.Identity;
using Npgsql;

namespace CareDesk.Features.Accounts;

/// <summary>
/// ASP.NET Core Identity's user store over the <c>users</c> table. Setters change the object only;
/// <see cref="UpdateAsync"/> writes it, guarded by the concurrency stamp (as Identity expects).
/// </summary>
public sealed class UserStore(NpgsqlDataSource dataSource) :
    IUserPasswordStore<CareDeskUser>,
    IUserSecurityStampStore<CareDeskUser>,
    IUserLockoutStore<CareDeskUser>,
    IUserRoleStore<CareDeskUser>
{
    private const string Columns = """
        id, user_name AS UserName, normalized_user_name AS NormalizedUserName,
        display_name_ar AS DisplayNameAr, display_name_en AS DisplayNameEn, role, agency,
        password_hash AS PasswordHash, security_stamp AS SecurityStamp, concurrency_stamp AS ConcurrencyStamp,
        lockout_enabled AS LockoutEnabled, lockout_end AS LockoutEnd, access_failed_count AS AccessFailedCount,
        created_at AS CreatedAt
        """;

    public static readonly string SelectUsers = $"SELECT {Columns} FROM users";

    public async Task<IdentityResult> CreateAsync(CareDeskUser user, CancellationToken ct)
    {
        await using var conn = await dataSource.OpenConnectionAsync(ct);
        try
        {
            await conn.ExecuteAsync(new CommandDefinition("""
                INSERT INTO users (id, user_name, normalized_user_name, display_name_ar, display_name_en, role, agency,
                                   password_hash, security_stamp, concurrency_stamp, lockout_enabled, lockout_end, access_failed_count)
                VALUES (@Id, @UserName, @NormalizedUserName, @DisplayNameAr, @DisplayNameEn, @Role, @Agency,
                        @PasswordHash, @SecurityStamp, @ConcurrencyStamp, @LockoutEnabled, @LockoutEnd, @AccessFailedCount)
                """, Parameters(user), cancellationToken: ct));
        }
        catch (PostgresException ex) when (ex.SqlState == PostgresErrorCodes.UniqueViolation)
        {
            return IdentityResult.Failed(new IdentityErrorDescriber().DuplicateUserName(user.UserName));
        }
        catch (PostgresException ex) when (ex.SqlState == PostgresErrorCodes.CheckViolation)
        {
            return IdentityResult.Failed(new IdentityError { Code = "InvalidUser", Description = ex.ConstraintName ?? "check" });
        }
        return IdentityResult.Success;
    }

    public async Task<IdentityResult> UpdateAsync(CareDeskUser user, CancellationToken ct)
    {
        var previous = user.ConcurrencyStamp;
        user.ConcurrencyStamp = Guid.NewGuid().ToString("N");
        await using var conn = await dataSource.OpenConnectionAsync(ct);
        int rows;
        try
        {
            rows = await conn.ExecuteAsync(new CommandDefinition("""
                UPDATE users SET user_name = @UserName, normalized_user_name = @NormalizedUserName,
                       display_name_ar = @DisplayNameAr, display_name_en = @DisplayNameEn, role = @Role, agency = @Agency,
                       password_hash = @PasswordHash, security_stamp = @SecurityStamp, concurrency_stamp = @ConcurrencyStamp,
                       lockout_enabled = @LockoutEnabled, lockout_end = @LockoutEnd, access_failed_count = @AccessFailedCount
                WHERE id = @Id AND concurrency_stamp = @Previous
                """, new DynamicParameters(Parameters(user)).Also(p => p.Add("Previous", previous)), cancellationToken: ct));
        }
        catch (PostgresException ex) when (ex.SqlState == PostgresErrorCodes.CheckViolation)
        {
            user.ConcurrencyStamp = previous;
            return IdentityResult.Failed(new IdentityError { Code = "InvalidUser", Description = ex.ConstraintName ?? "check" });
        }
        if (rows == 1)
            return IdentityResult.Success;
        user.ConcurrencyStamp = previous;
        return IdentityResult.Failed(new IdentityErrorDescriber().ConcurrencyFailure());
    }

    public async Task<IdentityResult> DeleteAsync(CareDeskUser user, CancellationToken ct)
    {
        await using var conn = await dataSource.OpenConnectionAsync(ct);
        await conn.ExecuteAsync(new CommandDefinition("DELETE FROM users WHERE id = @Id", new { user.Id }, cancellationToken: ct));
        return IdentityResult.Success;
    }

    public async Task<CareDeskUser?> FindByIdAsync(string userId, CancellationToken ct)
    {
        if (!Guid.TryParse(userId, out var id))
            return null;
        await using var conn = await dataSource.OpenConnectionAsync(ct);
        return Map(await conn.QuerySingleOrDefaultAsync<UserRow>(new CommandDefinition($"{SelectUsers} WHERE id = @id", new { id }, cancellationToken: ct)));
    }

    public async Task<CareDeskUser?> FindByNameAsync(string normalizedUserName, CancellationToken ct)
    {
        await using var conn = await dataSource.OpenConnectionAsync(ct);
        return Map(await conn.QuerySingleOrDefaultAsync<UserRow>(new CommandDefinition(
            $"{SelectUsers} WHERE normalized_user_name = @normalizedUserName", new { normalizedUserName }, cancellationToken: ct)));
    }

    public async Task<IList<CareDeskUser>> GetUsersInRoleAsync(string roleName, CancellationToken ct)
    {
        await using var conn = await dataSource.OpenConnectionAsync(ct);
        var rows = await conn.QueryAsync<UserRow>(new CommandDefinition(
            $"{SelectUsers} WHERE role = @role ORDER BY user_name", new { role = Canonical(roleName) }, cancellationToken: ct));
        return rows.Select(r => Map(r)!).ToList();
    }

    public Task<string> GetUserIdAsync(CareDeskUser user, CancellationToken ct) => Task.FromResult(user.Id.ToString());

    public Task<string?> GetUserNameAsync(CareDeskUser user, CancellationToken ct) => Task.FromResult<string?>(user.UserName);

    public Task SetUserNameAsync(CareDeskUser user, string? userName, CancellationToken ct)
    {
        user.UserName = userName ?? "";
        return Task.CompletedTask;
    }

    public Task<string?> GetNormalizedUserNameAsync(CareDeskUser user, CancellationToken ct) => Task.FromResult<string?>(user.NormalizedUserName);

    public Task SetNormalizedUserNameAsync(CareDeskUser user, string? normalizedName, CancellationToken ct)
    {
        user.NormalizedUserName = normalizedName ?? "";
        return Task.CompletedTask;
    }

    public Task SetPasswordHashAsync(CareDeskUser user, string? passwordHash, CancellationToken ct)
    {
        user.PasswordHash = passwordHash;
        return Task.CompletedTask;
    }

    public Task<string?> GetPasswordHashAsync(CareDeskUser user, CancellationToken ct) => Task.FromResult(user.PasswordHash);

    public Task<bool> HasPasswordAsync(CareDeskUser user, CancellationToken ct) => Task.FromResult(user.PasswordHash is not null);

    public Task SetSecurityStampAsync(CareDeskUser user, string stamp, CancellationToken ct)
    {
        user.SecurityStamp = stamp;
        return Task.CompletedTask;
    }

    public Task<string?> GetSecurityStampAsync(CareDeskUser user, CancellationToken ct) => Task.FromResult<string?>(user.SecurityStamp);

    public Task<DateTimeOffset?> GetLockoutEndDateAsync(CareDeskUser user, CancellationToken ct) => Task.FromResult(user.LockoutEnd);

    public Task SetLockoutEndDateAsync(CareDeskUser user, DateTimeOffset? lockoutEnd, CancellationToken ct)
    {
        user.LockoutEnd = lockoutEnd?.ToUniversalTime();
        return Task.CompletedTask;
    }

    public Task<int> IncrementAccessFailedCountAsync(CareDeskUser user, CancellationToken ct) => Task.FromResult(++user.AccessFailedCount);

    public Task ResetAccessFailedCountAsync(CareDeskUser user, CancellationToken ct)
    {
        user.AccessFailedCount = 0;
        return Task.CompletedTask;
    }

    public Task<int> GetAccessFailedCountAsync(CareDeskUser user, CancellationToken ct) => Task.FromResult(user.AccessFailedCount);

    public Task<bool> GetLockoutEnabledAsync(CareDeskUser user, CancellationToken ct) => Task.FromResult(user.LockoutEnabled);

    public Task SetLockoutEnabledAsync(CareDeskUser user, bool enabled, CancellationToken ct)
    {
        user.LockoutEnabled = enabled;
        return Task.CompletedTask;
    }

    public Task AddToRoleAsync(CareDeskUser user, string roleName, CancellationToken ct)
    {
        user.Role = Canonical(roleName) ?? throw new InvalidOperationException($"Unknown role {roleName}");
        return Task.CompletedTask;
    }

    public Task RemoveFromRoleAsync(CareDeskUser user, string roleName, CancellationToken ct)
    {
        if (string.Equals(user.Role, Canonical(roleName), StringComparison.Ordinal))
            user.Role = null;
        return Task.CompletedTask;
    }

    public Task<IList<string>> GetRolesAsync(CareDeskUser user, CancellationToken ct) =>
        Task.FromResult<IList<string>>(user.Role is null ? [] : [user.Role]);

    public Task<bool> IsInRoleAsync(CareDeskUser user, string roleName, CancellationToken ct) =>
        Task.FromResult(user.Role is not null && string.Equals(user.Role, Canonical(roleName), StringComparison.Ordinal));

    public void Dispose()
    {
    }

    /// <summary>Identity hands roles over normalized (upper case); the table keeps the names in <see cref="Roles"/>.</summary>
    public static string? Canonical(string roleName) =>
        Roles.All.FirstOrDefault(r => string.Equals(r, roleName, StringComparison.OrdinalIgnoreCase));

    private static object Parameters(CareDeskUser u) => new
    {
        u.Id, u.UserName, u.NormalizedUserName, u.DisplayNameAr, u.DisplayNameEn, u.Role, u.Agency, u.PasswordHash,
        u.SecurityStamp, u.ConcurrencyStamp, u.LockoutEnabled, LockoutEnd = u.LockoutEnd?.UtcDateTime, u.AccessFailedCount,
    };

    internal static CareDeskUser? Map(UserRow? r) => r is null ? null : new CareDeskUser
    {
        Id = r.Id, UserName = r.UserName, NormalizedUserName = r.NormalizedUserName, DisplayNameAr = r.DisplayNameAr,
        DisplayNameEn = r.DisplayNameEn, Role = r.Role, Agency = r.Agency, PasswordHash = r.PasswordHash,
        SecurityStamp = r.SecurityStamp, ConcurrencyStamp = r.ConcurrencyStamp, LockoutEnabled = r.LockoutEnabled,
        LockoutEnd = r.LockoutEnd is { } e ? new DateTimeOffset(DateTime.SpecifyKind(e, DateTimeKind.Utc)) : null,
        AccessFailedCount = r.AccessFailedCount, CreatedAt = new DateTimeOffset(DateTime.SpecifyKind(r.CreatedAt, DateTimeKind.Utc)),
    };

    internal sealed class UserRow
    {
        public Guid Id { get; init; }
        public string UserName { get; init; } = "";
        public string NormalizedUserName { get; init; } = "";
        public string DisplayNameAr { get; init; } = "";
        public string DisplayNameEn { get; init; } = "";
        public string? Role { get; init; }
        public string? Agency { get; init; }
        public string? PasswordHash { get; init; }
        public string SecurityStamp { get; init; } = "";
        public string ConcurrencyStamp { get; init; } = "";
        public bool LockoutEnabled { get; init; }
        public DateTime? LockoutEnd { get; init; }
        public int AccessFailedCount { get; init; }
        public DateTime CreatedAt { get; init; }
    }
}

internal static class DynamicParametersExtensions
{
    public static DynamicParameters Also(this DynamicParameters p, Action<DynamicParameters> add)
    {
        add(p);
        return p;
    }
}
