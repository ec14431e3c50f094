using CareDesk.Features.Tickets;

namespace CareDesk.Tests.Tickets;

/// <summary>The ticket page's keys: kept across retries of one action with one input, new after a change of input or a shown success.</summary>
public sealed class PendingActionKeysTests
{
    [Fact]
    public void For_SameActionAndInputPressedAgain_SameKey()
    {
        var keys = new PendingActionKeys();
        var first = keys.For("tickets.done.noted", "ملاحظة", 3);
        Assert.Equal(first, keys.For("tickets.done.noted", "ملاحظة", 3));
        // A live reload (the lost change's own signal, someone else's change) is no shown success: still a retry.
        Assert.Equal(first, keys.For("tickets.done.noted", "ملاحظة", 4));
    }

    [Fact]
    public void For_InputChanged_NewKey()
    {
        var keys = new PendingActionKeys();
        var first = keys.For("tickets.done.rerouted", ("NIC", "سبب"), 3);
        var changed = keys.For("tickets.done.rerouted", ("NIC", "سبب آخر"), 3);
        Assert.NotEqual(first, changed);
        Assert.Equal(changed, keys.For("tickets.done.rerouted", ("NIC", "سبب آخر"), 3));
    }

    [Fact]
    public void For_OtherAction_OwnKey()
    {
        var keys = new PendingActionKeys();
        var claim = keys.For("tickets.done.claimed", null, 3);
        Assert.NotEqual(claim, keys.For("tickets.done.advanced", null, 3));
        Assert.Equal(claim, keys.For("tickets.done.claimed", null, 3));
    }

    [Fact]
    public void For_AfterTheSavedChangeWasShown_NewKeyButAPressFromThePageDrawnBeforeKeepsTheOldOne()
    {
        var keys = new PendingActionKeys();
        var first = keys.For("tickets.done.noted", "ملاحظة", 3);
        keys.Saved("tickets.done.noted", first, 4);

        // The second click of a double click was drawn on version 3: the same change, the same key.
        Assert.Equal(first, keys.For("tickets.done.noted", "ملاحظة", 3));
        // A press on the page that shows the saved note is a new note.
        var next = keys.For("tickets.done.noted", "ملاحظة", 4);
        Assert.NotEqual(first, next);
        Assert.Equal(next, keys.For("tickets.done.noted", "ملاحظة", 4));
    }

    [Fact]
    public void Saved_KeyNoLongerPending_LeavesTheCurrentKeyAlone()
    {
        var keys = new PendingActionKeys();
        var old = keys.For("tickets.done.noted", "أولى", 3);
        var current = keys.For("tickets.done.noted", "ثانية", 3);
        keys.Saved("tickets.done.noted", old, 4);
        Assert.Equal(current, keys.For("tickets.done.noted", "ثانية", 4));
    }
}
