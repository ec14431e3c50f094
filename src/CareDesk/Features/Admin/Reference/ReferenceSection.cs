using CareDesk.Components.Localization;
using CareDesk.Features.Health;
using CareDesk.Features.Reference;
using CareDesk.Knowledge.Reference;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;

namespace CareDesk.Features.Admin.Reference;

/// <summary>
/// What the sections of <c>/admin</c> share: the node's reference data to show, the editor, and
/// running one change as the signed-in administrator with its outcome (or the database problem) kept
/// for <c>EditOutcome</c>. The form stays as typed unless the change is saved.
/// </summary>
public abstract class ReferenceSection : ComponentBase
{
    [Inject] protected ReferenceSnapshot Snapshot { get; set; } = null!;

    [Inject] protected ReferenceEditor Editor { get; set; } = null!;

    [Inject] private DatabaseActions Db { get; set; } = null!;

    [CascadingParameter] private Task<AuthenticationState> AuthState { get; set; } = null!;

    protected ReferenceData Data => Snapshot.Current.Data;

    protected ReferenceEditResult? Result { get; private set; }

    protected DatabaseProblem? DbProblem { get; private set; }

    protected static string Name(string ar, string en) => UiText.IsArabic ? ar : en;

    /// <summary>Clears what the last change said (a new form is opened).</summary>
    protected void ClearOutcome() => (Result, DbProblem) = (null, null);

    /// <summary>Refuses input the page can judge by itself; nothing reaches the database.</summary>
    protected void Refuse(string messageKey) => (Result, DbProblem) = (ReferenceEditResult.Refused(messageKey), null);

    /// <summary>Runs <paramref name="change"/> as the signed-in user; <paramref name="then"/> sees its result.</summary>
    protected async Task ChangeAsync(string what, Func<string, Task<ReferenceEditResult>> change, Action<ReferenceEditResult> then)
    {
        Result = null;
        var actor = (await AuthState).User.Identity?.Name ?? "unknown";
        DbProblem = await Db.RunAsync(what, async () =>
        {
            Result = await change(actor);
            then(Result);
        });
    }
}
