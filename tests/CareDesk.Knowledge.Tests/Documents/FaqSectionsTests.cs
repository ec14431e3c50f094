using CareDesk.Knowledge.Documents;

namespace CareDesk.Knowledge.Tests;

public class FaqSectionsTests
{
    [Fact]
    public void Extract_CanonicalBody_SplitsAllFourSections()
    {
        var s = FaqSections.Extract(FaqSamples.Body);

        Assert.StartsWith("إذا قُبل إلغاء التأشيرة", s.ShortAnswer);
        Assert.Equal(3, s.Steps.Count);
        Assert.Equal("تأكد من حالة التأشيرة عبر أبشر.", s.Steps[0]);
        Assert.Equal("اطلب من المتصل الانتظار 15 يوماً من قبول الإلغاء. ثم أعد التحقق من الحالة.", s.Steps[1]);
        Assert.Equal("15 يوماً من قبول الإلغاء.", s.Deadline);
        Assert.Equal("وزارة الخارجية.", s.Responsible);
        Assert.Equal("بعد 15 يوماً إلى ضابط اتصال وزارة الخارجية.", s.Escalation);
        Assert.StartsWith("> عزيزي العميل", s.UnifiedReply);
        Assert.StartsWith("عزيزي العميل", s.UnifiedReplyText);
        Assert.Equal(1, s.HeadingLines[FaqSections.ShortAnswerHeading]);
    }

    [Fact]
    public void Extract_HeadingMissing_SectionIsNull()
    {
        var s = FaqSections.Extract("## الإجابة المختصرة\nنص\n");

        Assert.Equal("نص", s.ShortAnswer);
        Assert.Null(s.StepsMarkdown);
        Assert.Empty(s.Steps);
        Assert.Null(s.RuleMarkdown);
        Assert.Null(s.UnifiedReply);
        Assert.Null(s.UnifiedReplyText);
    }

    [Fact]
    public void Extract_OtherHeading_EndsPreviousSection()
    {
        var s = FaqSections.Extract("## الإجابة المختصرة\nنص\n## ملاحظات\nغير ذلك\n");

        Assert.Equal("نص", s.ShortAnswer);
    }

    [Fact]
    public void Extract_HeadingInsideCodeFence_Ignored()
    {
        var s = FaqSections.Extract("## الإجابة المختصرة\n```\n## الخطوات\n```\n");

        Assert.Null(s.StepsMarkdown);
        Assert.Contains("## الخطوات", s.ShortAnswer);
    }

    [Theory]
    [InlineData("- **المهلة:** 3 أيام عمل")]
    [InlineData("* **المهلة**: 3 أيام عمل")]
    [InlineData("- **المهلة :** 3 أيام عمل")]
    public void Extract_RuleLineVariants_ReadDeadline(string line)
    {
        var s = FaqSections.Extract("## القاعدة\n" + line + "\n");

        Assert.Equal("3 أيام عمل", s.Deadline);
    }
}
