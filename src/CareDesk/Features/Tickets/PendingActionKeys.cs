namespace CareDesk.Features.Tickets;

/// <summary>
/// One press of an action button on the ticket page: the action (named by its success text key), what the
/// user entered for it, the ticket as the page showed it when the button was drawn, and the command to run
/// with that ticket's version and the action key.
/// </summary>
public sealed record TicketAction(string DoneKey, object? Input, Ticket Shown, Func<TicketCommands, TicketActor, Ticket, Guid, Task<TicketResult>> Apply);

/// <summary>
/// The ticket page's action keys, one per pending action. A press gets the key of the action's last press
/// while the input is the same (<see cref="object.Equals(object?, object?)"/>), so a retry after an outage
/// alert or a second click reuses it and the server applies the change once. The key is new once the input
/// changed, or once the page has shown the action's change saved: a press from a page that already shows
/// the saved ticket is a new change; a press from the page as it was drawn before (a click that was already
/// on its way, or a page whose reload failed) still carries the old key.
/// </summary>
public sealed class PendingActionKeys
{
    private sealed class Pending(Guid key, object? input)
    {
        public Guid Key => key;

        public object? Input => input;

        /// <summary>The ticket version the saved change produced; null while the change is not known to be saved.</summary>
        public int? SavedAs { get; set; }
    }

    private readonly Dictionary<string, Pending> _pending = new(StringComparer.Ordinal);

    /// <summary>The key for a press of <paramref name="action"/> from a page showing version <paramref name="shownVersion"/>.</summary>
    public Guid For(string action, object? input, int shownVersion)
    {
        if (_pending.TryGetValue(action, out var last) && Equals(last.Input, input) && (last.SavedAs is not { } saved || shownVersion < saved))
            return last.Key;
        var fresh = new Pending(Guid.NewGuid(), input);
        _pending[action] = fresh;
        return fresh.Key;
    }

    /// <summary>The server saved the change made under <paramref name="key"/>; the ticket is now at <paramref name="version"/> or later.</summary>
    public void Saved(string action, Guid key, int version)
    {
        if (_pending.TryGetValue(action, out var last) && last.Key == key)
            last.SavedAs = version;
    }
}
