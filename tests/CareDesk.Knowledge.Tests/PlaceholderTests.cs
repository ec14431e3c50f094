namespace CareDesk.Knowledge.Tests;

public class FaqArticleTests
{
    [Fact]
    public void Status_NotGiven_DefaultsToPublished()
    {
        var a = new Documents.FaqArticle { Id = "x", Topic = "t", TitleAr = "ع" };
        Assert.Equal("published", a.Status);
    }
}
