using System.Security.Claims;
using CareDesk.Features.Accounts;

namespace CareDesk.Features.Knowledge.Editing;

/// <summary>Who acts on an article: the signed-in user's name and roles, passed in explicitly.</summary>
public sealed record EditorActor(string Name, IReadOnlySet<string> Roles)
{
    public static EditorActor Of(string name, params string[] roles) => new(name, roles.ToHashSet(StringComparer.Ordinal));

    public static EditorActor? From(ClaimsPrincipal user)
    {
        if (user.Identity is not { IsAuthenticated: true, Name: { Length: > 0 } name })
            return null;
        return new EditorActor(name, Accounts.Roles.All.Where(user.IsInRole).ToHashSet(StringComparer.Ordinal));
    }

    public bool CanEdit => Roles.Contains(Accounts.Roles.Editor);

    public bool CanReview => Roles.Contains(Accounts.Roles.Reviewer);
}
