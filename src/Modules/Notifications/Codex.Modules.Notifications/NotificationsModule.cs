using Codex.Modules.Notifications.Features.TestEmail;
using Codex.Modules.Notifications.Transport;
using Codex.Shared.Persistence;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Codex.Modules.Notifications;

public sealed class NotificationsTexts;

public static class NotificationsModule
{
    public static IServiceCollection AddNotificationsModule(this IServiceCollection services, IConfiguration configuration, ModuleCatalog catalog)
    {
        var options = MailOptions.FromConfiguration(configuration);
        services.AddSingleton(options);
        if (options.Transport == MailTransportKind.Smtp)
        {
            services.AddSingleton<IMailTransport, SmtpMailTransport>();
        }
        else
        {
            services.AddSingleton<IMailTransport, PickupFolderMailTransport>();
        }

        catalog.Add(new ModuleInfo("Notifications", typeof(NotificationsModule).Assembly, null, typeof(NotificationsTexts)));
        return services;
    }

    public static IEndpointRouteBuilder MapNotificationsModule(this IEndpointRouteBuilder api)
    {
        SendTestEmailEndpoint.Map(api);
        return api;
    }
}
