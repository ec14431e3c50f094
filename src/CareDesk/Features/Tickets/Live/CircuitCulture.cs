using System.Globalization;

namespace CareDesk.Features.Tickets.Live;

/// <summary>
/// The culture of a circuit, captured when a component starts. Signals arrive on the listener's
/// thread and would otherwise render the update in that thread's culture, not the user's language.
/// </summary>
public readonly struct CircuitCulture
{
    private readonly CultureInfo _culture;
    private readonly CultureInfo _uiCulture;

    private CircuitCulture(CultureInfo culture, CultureInfo uiCulture)
    {
        _culture = culture;
        _uiCulture = uiCulture;
    }

    public static CircuitCulture Capture() => new(CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture);

    /// <summary>The work, run in the captured culture.</summary>
    public Func<Task> Wrap(Func<Task> work)
    {
        var (culture, ui) = (_culture, _uiCulture);
        return () =>
        {
            CultureInfo.CurrentCulture = culture;
            CultureInfo.CurrentUICulture = ui;
            return work();
        };
    }
}
