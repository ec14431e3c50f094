using CareDesk.Data;

namespace CareDesk.Features.Knowledge;

public static class KnowledgeRegistration
{
    public static WebApplicationBuilder AddKnowledge(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton(ContentOptions.Read(builder.Configuration));
        builder.Services.AddSingleton<ArticleStore>();
        builder.Services.AddSingleton<IStartupStep, ContentImport>();
        return builder;
    }
}
