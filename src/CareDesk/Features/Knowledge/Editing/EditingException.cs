namespace CareDesk.Features.Knowledge.Editing;

/// <summary>
/// A rule of the editing workflow refused the action; nothing was written. <see cref="Key"/> names
/// the interface text (ui-text.json) that explains it to the user.
/// </summary>
public sealed class EditingException(string key, string message) : InvalidOperationException(message)
{
    public string Key { get; } = key;

    public static EditingException NotAllowed(string action) =>
        new("editor.error.role", $"the acting user's roles do not allow: {action}");

    public static EditingException FourEyes() =>
        new("editor.error.foureyes", "the author of a revision cannot review it");

    public static EditingException WrongState(string state, string action) =>
        new("editor.error.state", $"a revision in state '{state}' cannot be: {action}");

    public static EditingException NoteRequired() =>
        new("editor.error.note", "a note saying why is required");

    public static EditingException Stale() =>
        new("editor.error.stale", "the article changed since it was opened; reload it");

    public static EditingException NotFound(string what) =>
        new("editor.error.notfound", $"not found: {what}");

    public static EditingException Exists(string id) =>
        new("editor.error.exists", $"an article with id '{id}' exists already");

    public static EditingException Invalid(IReadOnlyList<string> problems) =>
        new("editor.error.invalid", "the article has problems: " + string.Join("; ", problems));
}
