using Codex.Shared.Domain;
using Codex.Shared.Persistence;
using FluentValidation;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Logging;

namespace Codex.Shared.Errors;

/// <summary>
/// The one place where exceptions become RFC 9457 problem details. Anything a client can cause
/// maps to a 4xx; only real faults remain a 500 (and are logged).
/// </summary>
public sealed class ProblemDetailsExceptionHandler(
    IProblemDetailsService problemDetails,
    ModuleCatalog modules,
    IStringLocalizerFactory localizers,
    ILogger<ProblemDetailsExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        var problem = exception switch
        {
            ValidationException validation => ValidationProblem(validation),
            DomainException domain => Problem(StatusCodes.Status400BadRequest, "Rule violated", Localize(domain)),
            NotFoundException notFound => Problem(StatusCodes.Status404NotFound, "Not found", notFound.Message),
            ForbiddenException => Problem(StatusCodes.Status403Forbidden, "Forbidden", exception.Message),
            UnauthorizedAccessException => Problem(StatusCodes.Status401Unauthorized, "Sign-in required", null),
            ConcurrencyConflictException or DbUpdateConcurrencyException => Conflict(),
            // Requests outside a command transaction: a concurrent insert of the same key is a conflict too.
            _ when UniqueKeyViolation.IsCausedBy(exception) => Conflict(),
            ExternalServiceException external => Problem(StatusCodes.Status502BadGateway, "External service failed", external.Message),
            BadHttpRequestException badRequest => Problem(badRequest.StatusCode, "Bad request", badRequest.Message),
            _ => null,
        };

        if (problem is null)
        {
            logger.LogError(exception, "Unhandled exception for {Path}", httpContext.Request.Path);
            return false;
        }

        httpContext.Response.StatusCode = problem.Status ?? StatusCodes.Status400BadRequest;
        return await problemDetails.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            ProblemDetails = problem,
            Exception = exception,
        });
    }

    private static ProblemDetails ValidationProblem(ValidationException validation)
    {
        var errors = validation.Errors
            .GroupBy(e => ToCamelCase(e.PropertyName))
            .ToDictionary(g => g.Key, g => g.Select(e => e.ErrorMessage).Distinct().ToArray());
        return new ValidationProblemDetails(errors)
        {
            Status = StatusCodes.Status400BadRequest,
            Title = "One or more fields are invalid.",
        };
    }

    private static ProblemDetails Conflict() =>
        Problem(StatusCodes.Status409Conflict, "Conflict", "Someone else changed this in the meantime. Reload and apply your change again.");

    private static ProblemDetails Problem(int status, string title, string? detail) =>
        new() { Status = status, Title = title, Detail = detail };

    private string Localize(DomainException exception) =>
        DomainMessages.Localize(exception, modules, localizers);

    private static string ToCamelCase(string name) =>
        string.IsNullOrEmpty(name) ? name : char.ToLowerInvariant(name[0]) + name[1..];
}

public static class DomainMessages
{
    /// <summary>Finds the text for a domain rule in the resources of the module that owns it.</summary>
    public static string Localize(DomainException exception, ModuleCatalog modules, IStringLocalizerFactory localizers)
    {
        foreach (var module in modules.Modules.Where(m => m.TextsType is not null))
        {
            var text = localizers.Create(module.TextsType!)[exception.MessageKey];
            if (!text.ResourceNotFound)
            {
                return text.Value;
            }
        }

        return exception.Message;
    }
}
