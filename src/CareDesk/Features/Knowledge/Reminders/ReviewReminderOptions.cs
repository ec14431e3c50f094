namespace CareDesk.Features.Knowledge.Reminders;

/// <summary>The review-date reminder job (<c>CareDesk:Knowledge:Reminders</c>).</summary>
public sealed class ReviewReminderOptions
{
    public const string Section = "CareDesk:Knowledge:Reminders";

    /// <summary>How often a node checks whether today's reminders were written (the day's run happens once across nodes).</summary>
    public TimeSpan Interval { get; init; } = TimeSpan.FromHours(1);

    public bool Enabled { get; init; } = true;

    public static ReviewReminderOptions Read(IConfiguration configuration)
    {
        var section = configuration.GetSection(Section);
        var options = new ReviewReminderOptions();
        if (section["Interval"] is { } text)
        {
            if (!TimeSpan.TryParse(text, System.Globalization.CultureInfo.InvariantCulture, out var interval) || interval <= TimeSpan.Zero)
                throw new Data.StartupException($"Setting {Section}:Interval must be a positive time span like 01:00:00, not '{text}'. / الإعداد {Section}:Interval يجب أن يكون مدة موجبة.");
            options = new ReviewReminderOptions { Interval = interval };
        }
        if (section["Enabled"] is { } enabled)
            options = new ReviewReminderOptions { Interval = options.Interval, Enabled = !bool.TryParse(enabled, out var e) || e };
        return options;
    }
}
