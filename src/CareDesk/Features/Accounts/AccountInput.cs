namespace CareDesk.Features.Accounts;

/// <summary>What a user name, display name and password may look like, before anything reaches Identity or the database.</summary>
public static class AccountInput
{
    public const string UserNameCharacters = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789._-@";
    public const int UserNameMax = 64;
    public const int PasswordMax = 128;
    public const int DisplayNameMax = 100;

    public static readonly IReadOnlyList<string> OwnerAgencies = ["MOF", "PASSPORTS", "NIC", "MOFA"];

    public static bool IsUserName(string? s) =>
        s is { Length: > 0 and <= UserNameMax } && s.All(c => UserNameCharacters.Contains(c));

    public static bool IsPassword(string? s) => s is { Length: > 0 and <= PasswordMax } && TextInput.IsClean(s);

    /// <summary>Any language, but well-formed, printable and short; angle brackets are kept and shown as text.</summary>
    public static bool IsDisplayName(string? s) =>
        s is { Length: > 0 and <= DisplayNameMax } && TextInput.IsClean(s) && s.Trim().Length > 0;
}
