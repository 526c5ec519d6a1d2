using System.Reflection;
using FluentValidation;
using MediatR;
using Microsoft.Extensions.DependencyInjection;

namespace Codex.Shared.Mediation;

public static class MediationServiceCollectionExtensions
{
    private static readonly Type[] HandlerInterfaces =
        [typeof(IRequestHandler<,>), typeof(INotificationHandler<>), typeof(IValidator<>)];

    /// <summary>
    /// MediatR 5.1.0 has no container integration: register the mediator, the ServiceFactory and
    /// every handler and validator (internal ones too) of the given assemblies. Behaviours run in
    /// the order logging → authorisation → input shape → validation → transaction: authorisation comes before
    /// validation so that someone without permission learns nothing from validation messages
    /// (e.g. that an email address is already taken).
    /// </summary>
    public static IServiceCollection AddCodexMediator(this IServiceCollection services, params Assembly[] assemblies)
    {
        services.AddScoped<ServiceFactory>(sp => sp.GetService);
        services.AddScoped<IMediator, Mediator>();

        services.AddTransient(typeof(IPipelineBehavior<,>), typeof(LoggingBehaviour<,>));
        services.AddTransient(typeof(IPipelineBehavior<,>), typeof(AuthorizationBehaviour<,>));
        services.AddTransient(typeof(IPipelineBehavior<,>), typeof(InputShapeBehaviour<,>));
        services.AddTransient(typeof(IPipelineBehavior<,>), typeof(ValidationBehaviour<,>));
        services.AddTransient(typeof(IPipelineBehavior<,>), typeof(TransactionBehaviour<,>));

        foreach (var type in assemblies.Distinct().SelectMany(a => a.GetTypes()))
        {
            if (type.IsAbstract || type.IsInterface || type.IsGenericTypeDefinition)
            {
                continue;
            }

            foreach (var implemented in type.GetInterfaces().Where(i => i.IsGenericType))
            {
                if (HandlerInterfaces.Contains(implemented.GetGenericTypeDefinition()))
                {
                    services.AddTransient(implemented, type);
                }
            }
        }

        return services;
    }
}
