using System.Diagnostics;
using System.Reflection;
using Codex.Shared.Errors;
using Codex.Shared.Persistence;
using Codex.Shared.Security;
using FluentValidation;
using MediatR;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Codex.Shared.Mediation;

internal sealed class LoggingBehaviour<TRequest, TResponse>(ILogger<LoggingBehaviour<TRequest, TResponse>> logger)
    : IPipelineBehavior<TRequest, TResponse>
{
    public async Task<TResponse> Handle(TRequest request, CancellationToken cancellationToken, RequestHandlerDelegate<TResponse> next)
    {
        var started = Stopwatch.GetTimestamp();
        try
        {
            return await next();
        }
        finally
        {
            // Only the request's type is logged: its fields may hold personal data.
            logger.LogDebug("{Request} handled in {Elapsed} ms", typeof(TRequest).Name, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }
    }
}

internal sealed class ValidationBehaviour<TRequest, TResponse>(IEnumerable<IValidator<TRequest>> validators)
    : IPipelineBehavior<TRequest, TResponse>
{
    public async Task<TResponse> Handle(TRequest request, CancellationToken cancellationToken, RequestHandlerDelegate<TResponse> next)
    {
        var failures = new List<FluentValidation.Results.ValidationFailure>();
        foreach (var validator in validators)
        {
            var result = await validator.ValidateAsync(new ValidationContext<TRequest>(request), cancellationToken);
            failures.AddRange(result.Errors);
        }

        if (failures.Count > 0)
        {
            throw new ValidationException(failures);
        }

        return await next();
    }
}

internal sealed class AuthorizationBehaviour<TRequest, TResponse>(ICurrentUser currentUser)
    : IPipelineBehavior<TRequest, TResponse>
{
    public Task<TResponse> Handle(TRequest request, CancellationToken cancellationToken, RequestHandlerDelegate<TResponse> next)
    {
        var type = typeof(TRequest);
        var roles = type.GetCustomAttribute<RequiresRoleAttribute>();
        var signIn = type.GetCustomAttribute<RequiresSignInAttribute>();
        if ((roles is not null || signIn is not null) && !currentUser.IsAuthenticated)
        {
            throw new UnauthorizedAccessException();
        }

        if (roles is not null && !roles.Roles.Any(currentUser.IsInRole))
        {
            throw new ForbiddenException();
        }

        return next();
    }
}

/// <summary>Wraps a command in one transaction of the database of the module that declares it.</summary>
internal sealed class TransactionBehaviour<TRequest, TResponse>(IServiceProvider services, ModuleCatalog modules)
    : IPipelineBehavior<TRequest, TResponse>
{
    public async Task<TResponse> Handle(TRequest request, CancellationToken cancellationToken, RequestHandlerDelegate<TResponse> next)
    {
        if (request is not ICommand<TResponse> || modules.ForAssembly(typeof(TRequest).Assembly) is not { DbContextType: { } dbContextType })
        {
            return await next();
        }

        var db = (ModuleDbContext)services.GetRequiredService(dbContextType);
        if (db.Database.CurrentTransaction is not null)
        {
            return await next();
        }

        try
        {
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            var response = await next();
            await transaction.CommitAsync(cancellationToken);
            db.SignalOutboxIfWritten();
            return response;
        }
        catch (Exception ex) when (ex is not ConcurrencyConflictException && UniqueKeyViolation.IsCausedBy(ex))
        {
            // A concurrent request inserted the same key first; pages and the API show it as a conflict.
            throw new ConcurrencyConflictException($"{typeof(TRequest).Name}: a concurrent request saved the same thing first.", ex);
        }
    }
}
