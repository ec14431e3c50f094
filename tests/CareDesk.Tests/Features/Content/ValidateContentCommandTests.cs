using CareDesk.Features.Content;
using CareDesk.Knowledge.Validation;

namespace CareDesk.Tests.Features.Content;

public class ValidateContentCommandTests
{
    private static readonly string Root = RepositoryLayout.FindRoot(AppContext.BaseDirectory)!;

    [Fact]
    public async Task RunAsync_RepoContentAndSeeds_ReturnsZero()
    {
        var code = await ValidateContentCommand.RunAsync(
            ["--content", Path.Combine(Root, "content", "faq"), "--seeds", Path.Combine(Root, "seeds")]);

        Assert.Equal(0, code);
    }

    [Fact]
    public async Task RunAsync_MissingSeeds_ReturnsOne()
    {
        var code = await ValidateContentCommand.RunAsync(
            ["--content", Path.Combine(Root, "content", "faq"), "--seeds", Path.Combine(Root, "no-such-seeds")]);

        Assert.Equal(1, code);
    }

    [Theory]
    [InlineData("--bogus")]
    [InlineData("--seeds")]
    public async Task RunAsync_BadArgument_ReturnsTwo(string arg)
    {
        Assert.Equal(2, await ValidateContentCommand.RunAsync([arg]));
    }
}
