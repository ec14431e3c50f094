using CareDesk.Data;
using CareDesk.Features.Health;

namespace CareDesk.Features.Search;

public static class SearchRegistration
{
    public static WebApplicationBuilder AddSearch(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<KnowledgeSearch>();
        builder.Services.AddSingleton<IStartupStep, BuildIndexStep>();
        builder.Services.AddSingleton<IHealthContributor, SearchHealth>();
        builder.Services.AddSingleton<KnowledgeChangeListener>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<KnowledgeChangeListener>());
        builder.Services.AddSingleton<SearchLogQueue>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<SearchLogQueue>());
        return builder;
    }

    /// <summary>Builds the first snapshot after the content import, before the app takes requests.</summary>
    private sealed class BuildIndexStep(KnowledgeSearch search) : IStartupStep
    {
        public int Order => 40;

        public Task RunAsync(CancellationToken ct) => search.RebuildAsync(ct);
    }

    private sealed class SearchHealth(KnowledgeSearch search, KnowledgeChangeListener listener) : IHealthContributor
    {
        public string Name => "search";

        public object Report() => new
        {
            documents = search.Current.Count,
            synonym_groups = search.Current.Synonyms.GroupCount,
            built_at = search.LastBuild.At,
            build_ms = Math.Round(search.LastBuild.Took.TotalMilliseconds, 1),
            listening = listener.IsListening,
        };
    }
}
