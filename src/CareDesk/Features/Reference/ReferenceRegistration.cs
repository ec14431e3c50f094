using CareDesk.Data;

namespace CareDesk.Features.Reference;

public static class ReferenceRegistration
{
    public static WebApplicationBuilder AddReferenceData(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<IStartupStep, ReferenceImport>();
        return builder;
    }
}
