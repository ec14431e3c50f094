namespace CareDesk.Features.Accounts;

/// <summary>The roles of the personas in ARCHITECTURE.md. A liaison is always bound to one agency.</summary>
public static class Roles
{
    public const string Agent = "Agent";
    public const string Liaison = "Liaison";
    public const string Editor = "Editor";
    public const string Reviewer = "Reviewer";
    public const string Supervisor = "Supervisor";
    public const string Admin = "Admin";

    public static readonly IReadOnlyList<string> All = [Agent, Liaison, Editor, Reviewer, Supervisor, Admin];
}

/// <summary>Claims CareDesk adds to a signed-in user besides name and role.</summary>
public static class CareDeskClaims
{
    /// <summary>The agency code a liaison works for (MOF, PASSPORTS, NIC, MOFA).</summary>
    public const string Agency = "caredesk:agency";

    /// <summary>Display name in Arabic.</summary>
    public const string DisplayNameAr = "caredesk:name_ar";

    /// <summary>Display name in English.</summary>
    public const string DisplayNameEn = "caredesk:name_en";
}
