using Codex.Modules.Notifications.Features.Admin;
using Codex.Modules.Notifications.Features.Preferences;
using Codex.Modules.Notifications.Features.Retention;
using Codex.Modules.Notifications.Features.Sending;
using Codex.Modules.Notifications.Features.TestEmail;
using Codex.Modules.Notifications.Persistence;
using Codex.Modules.Notifications.Templates;
using Codex.Modules.Notifications.Transport;
using Codex.Shared.Jobs;
using Codex.Shared.Modules;
using Codex.Shared.Persistence;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Codex.Modules.Notifications;

public sealed class NotificationsTexts;

public sealed class NotificationsModule : ICodexModule
{
    public void AddServices(IServiceCollection services, ModuleSetup setup)
    {
        var (database, catalog) = (setup.Database, setup.Catalog);
        var configuration = setup.Configuration;
        services.AddModuleDbContext<NotificationsDbContext, NotificationsSqliteDbContext, NotificationsPostgreSqlDbContext, NotificationsSqlServerDbContext>(
            database, NotificationsDbContext.Module, NotificationsDbContext.SchemaName);
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

        services.AddScoped<EmailRenderer>();
        services.AddScoped<EmailQueue>();
        // Every 15 seconds: queued mail is triggered at once anyway; this is the safety net after a crash or an outage.
        services.AddRecurringCommand(new RecurringCommand(
            SendQueuedEmailsCommand.JobName, "*/15 * * * * *", () => new SendQueuedEmailsCommand(), JobQueue.Mail, () => new AnyMailDueQuery()));
        services.AddRecurringCommand(SendDailyDigestsCommand.JobName, "0 7 * * *", () => new SendDailyDigestsCommand());
        services.AddRecurringCommand(PurgeExpiredMailCommand.JobName, "55 3 * * *", () => new PurgeExpiredMailCommand());
        catalog.Add(new ModuleInfo(NotificationsDbContext.Module, typeof(NotificationsModule).Assembly, typeof(NotificationsDbContext), typeof(NotificationsTexts)));
    }

    public void MapEndpoints(IEndpointRouteBuilder api)
    {
        SendTestEmailEndpoint.Map(api);
        PreferencesEndpoints.Map(api);
        MailAdminEndpoints.Map(api);
    }
}
