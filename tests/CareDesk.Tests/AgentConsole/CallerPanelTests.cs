using CareDesk.Features.AgentConsole;
using CareDesk.Knowledge.Callers;

namespace CareDesk.Tests.AgentConsole;

public class CallerPanelTests
{
    [Fact]
    public async Task Render_NoCaller_LabelledNumericInputWithoutProblem()
    {
        var doc = await ComponentRendering.RenderAsync<CallerPanel>(new Dictionary<string, object?>());

        var input = doc.QuerySelector("input#caller-id")!;
        Assert.Equal("numeric", input.GetAttribute("inputmode"));
        Assert.Equal("رقم الهوية الوطنية أو الإقامة", doc.QuerySelector("label[for=caller-id]")!.TextContent);
        Assert.Equal("", doc.QuerySelector("[role=alert]")!.TextContent);
    }

    [Theory]
    [InlineData("1234567897", "1••••••897", "مواطن")]
    [InlineData("2000000006", "2••••••006", "مقيم")]
    public async Task Render_Caller_MaskedNumberAndHolderOnly(string number, string masked, string holder)
    {
        Assert.True(NationalId.TryParse(number, out var id, out _));

        var doc = await ComponentRendering.RenderAsync<CallerPanel>(new Dictionary<string, object?> { ["Caller"] = (NationalId?)id });

        Assert.Equal(masked, doc.QuerySelector("[data-testid=caller-masked]")!.TextContent);
        Assert.Equal(holder, doc.QuerySelector(".cd-caller-holder")!.TextContent);
        Assert.DoesNotContain(number, doc.DocumentElement.OuterHtml);
    }

    [Fact]
    public async Task Render_RejectedScreenPopCaller_ValueInBoxWithValidationMessage()
    {
        var doc = await ComponentRendering.RenderAsync<CallerPanel>(new Dictionary<string, object?> { ["Rejected"] = "1234567890" });

        Assert.Equal("1234567890", doc.QuerySelector("input#caller-id")!.GetAttribute("value"));
        Assert.Equal("true", doc.QuerySelector("input#caller-id")!.GetAttribute("aria-invalid"));
        Assert.Contains("رقم التحقق", doc.QuerySelector("[role=alert]")!.TextContent);
    }
}
