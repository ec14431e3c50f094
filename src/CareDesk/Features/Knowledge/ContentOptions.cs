using CareDesk.Data;

namespace CareDesk.Features.Knowledge;

/// <summary>Where the seed content lives: the FAQ files and the reference data files.</summary>
public sealed class ContentOptions
{
    public const string Section = "CareDesk:Content";

    public string FaqDirectory { get; init; } = "content/faq";

    public string SeedsDirectory { get; init; } = "seeds";

    public static ContentOptions Read(IConfiguration configuration)
    {
        var s = configuration.GetSection(Section);
        return new ContentOptions
        {
            FaqDirectory = RepositoryPaths.Resolve(s["FaqDirectory"] is { Length: > 0 } f ? f : "content/faq"),
            SeedsDirectory = RepositoryPaths.Resolve(s["SeedsDirectory"] is { Length: > 0 } d ? d : "seeds"),
        };
    }
}
