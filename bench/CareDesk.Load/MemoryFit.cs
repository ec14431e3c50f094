namespace CareDesk.Load;

/// <summary>Whether a step's new sessions fit in the machine's memory, with a reserve kept free.</summary>
public static class MemoryFit
{
    /// <summary>Null when <paramref name="adding"/> sessions of <paramref name="mibPerSession"/> each fit in what is available
    /// less the reserve; otherwise the reason the step is refused, with the numbers.</summary>
    public static string? Refusal(int step, int adding, double mibPerSession, double availableMiB, double reserveMiB)
    {
        if (double.IsNaN(availableMiB))
            return null;
        var needMiB = adding * mibPerSession;
        return needMiB <= availableMiB - reserveMiB
            ? null
            : FormattableString.Invariant(
                $"the {step}-session step is refused: {adding} more sessions at {mibPerSession:0} MiB each (app + Chromium) need {needMiB / 1024:0.0} GiB, and {availableMiB / 1024:0.0} GiB is available of which {reserveMiB / 1024:0.#} GiB stays free (--min-free-gib)");
    }
}
