using CareDesk.Data;
using CareDesk.Features.Knowledge.Editing;
using CareDesk.Features.Knowledge.Gaps;
using CareDesk.Features.Knowledge.Reminders;
using CareDesk.Features.Knowledge.Synonyms;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace CareDesk.Features.Knowledge;

public static class KnowledgeRegistration
{
    public static WebApplicationBuilder AddKnowledge(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton(ContentOptions.Read(builder.Configuration));
        builder.Services.AddSingleton<ArticleStore>();
        builder.Services.AddSingleton<IStartupStep, ContentImport>();
        builder.Services.AddSingleton<IStartupStep, SynonymImport>();
        builder.Services.AddSingleton<SynonymStore>();
        builder.Services.AddSingleton<SynonymPreview>();
        builder.Services.AddSingleton<ArticleValidator>();
        builder.Services.AddSingleton<ArticleWorkflow>();
        builder.Services.AddSingleton<RevisionStore>();
        builder.Services.AddScoped<EditorSession>();
        builder.Services.AddSingleton<ContentGaps>();
        builder.Services.AddSingleton<Export.ContentExport>();
        builder.Services.AddSingleton<ReviewReminders>();
        builder.Services.AddSingleton(ReviewReminderOptions.Read(builder.Configuration));
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.AddHostedService<ReviewReminderJob>();
        return builder;
    }
}
