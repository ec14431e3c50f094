using System.Reflection;
using System.Text.RegularExpressions;
using CareDesk.Components.Localization;
using CareDesk.Features.Tickets;
using CareDesk.Testing;

namespace CareDesk.Tests.Tickets;

public sealed partial class TicketTextTests
{
    private static readonly UiText Text = UiText.LoadEmbedded();

    private static IEnumerable<string> Constants(Type type) =>
        type.GetFields(BindingFlags.Public | BindingFlags.Static).Where(f => f.IsLiteral).Select(f => (string)f.GetRawConstantValue()!);

    [Fact]
    public void UiText_EveryStatusAndEventKind_HasArabicAndEnglish()
    {
        var missing = Constants(typeof(TicketStatus)).Select(s => $"tickets.status.{s}")
            .Concat(Constants(typeof(TicketEventKind)).Select(k => $"tickets.event.{k}"))
            .Where(k => Text[k].ResourceNotFound)
            .ToList();

        Assert.Empty(missing);
    }

    [Fact]
    public void UiText_EveryKeyTheFeaturesName_Exists()
    {
        var src = Path.Combine(TestPaths.RepoRoot, "src", "CareDesk", "Features");
        var keys = Directory.EnumerateFiles(Path.Combine(src, "Tickets"), "*.*", SearchOption.AllDirectories)
            .Concat(Directory.EnumerateFiles(Path.Combine(src, "Inbox")))
            .Where(f => f.EndsWith(".cs", StringComparison.Ordinal) || f.EndsWith(".razor", StringComparison.Ordinal))
            .SelectMany(f => KeyPattern().Matches(File.ReadAllText(f)).Select(m => m.Groups[1].Value))
            .Where(k => !k.EndsWith('.'))
            .Distinct()
            .ToList();

        Assert.NotEmpty(keys);
        Assert.DoesNotContain(keys, k => Text[k].ResourceNotFound);
    }

    [Theory]
    [InlineData("ar", 24, 0, "المتبقي: يوم واحد")]
    [InlineData("ar", 26, 0, "المتبقي: يوم واحد وساعتان")]
    [InlineData("ar", 50, 0, "المتبقي: يومان وساعتان")]
    [InlineData("ar", 3, 5, "المتبقي: 3 ساعات و5 دقائق")]
    [InlineData("ar", -3, -29, "متأخرة: 3 ساعات و29 دقيقة")]
    [InlineData("en", -3, -29, "overdue by 3 hours 29 minutes")]
    [InlineData("en", 24 * 12, 0, "12 days left")]
    public void TimeLeft_CountsAgreeWithTheirNouns(string culture, int hours, int minutes, string expected)
    {
        var now = new DateTimeOffset(2026, 11, 22, 9, 0, 0, TimeSpan.Zero);
        var previous = System.Globalization.CultureInfo.CurrentUICulture;
        System.Globalization.CultureInfo.CurrentUICulture = System.Globalization.CultureInfo.GetCultureInfo(culture);
        try
        {
            Assert.Equal(expected, TicketView.TimeLeft(now.AddHours(hours).AddMinutes(minutes), now));
        }
        finally
        {
            System.Globalization.CultureInfo.CurrentUICulture = previous;
        }
    }

    [GeneratedRegex("\"((?:tickets|inbox)\\.[a-z0-9.\\-]+)\"")]
    private static partial Regex KeyPattern();
}
