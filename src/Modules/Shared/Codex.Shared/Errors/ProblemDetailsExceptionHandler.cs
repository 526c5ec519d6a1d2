using Codex.Shared.Domain;
using Codex.Shared.Persistence;
using FluentValidation;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Logging;

namespace Codex.Shared.Errors;

/// <summary>
/// The one error contract: which exceptions a client can cause, and the status each one answers —
/// for the API (RFC 9457 problem details, whatever the Accept header) and for pages (the friendly
/// error page at <see cref="PagePath"/>) alike. Everything else is a fault: a 500, logged.
/// </summary>
public static class ErrorContract
{
    public const string PagePath = "/error";

    /// <summary>
    /// Seconds after which a client should try again while the database is unreachable (the
    /// <c>Retry-After</c> of every 503): long enough for a database restart, short enough to wait for.
    /// </summary>
    public const int RetryAfterSeconds = 10;

    /// <summary>The status for an exception a client can cause; null for a real fault.</summary>
    public static int? ClientStatus(Exception exception) => exception switch
    {
        DomainException { IsConflict: true } => StatusCodes.Status409Conflict,
        ValidationException or DomainException => StatusCodes.Status400BadRequest,
        NotFoundException => StatusCodes.Status404NotFound,
        ForbiddenException => StatusCodes.Status403Forbidden,
        UnauthorizedAccessException => StatusCodes.Status401Unauthorized,
        ConcurrencyConflictException or DbUpdateConcurrencyException => StatusCodes.Status409Conflict,
        // Requests outside a command transaction: a concurrent insert of the same key is a conflict too.
        _ when UniqueKeyViolation.IsCausedBy(exception) => StatusCodes.Status409Conflict,
        // Two transactions over the same rows, one aborted by the database: the loser may try again.
        _ when TransactionRace.IsCausedBy(exception) => StatusCodes.Status409Conflict,
        ExternalServiceException => StatusCodes.Status502BadGateway,
        // Unreadable bodies, wrong content types (415), bodies over the limit (413).
        BadHttpRequestException badRequest => badRequest.StatusCode,
        AntiforgeryValidationException => StatusCodes.Status400BadRequest,
        // A form with more fields or longer values than the form reader allows.
        InvalidDataException => StatusCodes.Status413PayloadTooLarge,
        // The database is down or restarting: nothing is wrong with the request, it works again soon.
        _ when DatabaseUnavailable.IsCausedBy(exception) => StatusCodes.Status503ServiceUnavailable,
        _ => null,
    };

    /// <summary>Tells the client when to try again; every 503 of the contract carries it.</summary>
    public static void AddRetryAfter(HttpResponse response) =>
        response.Headers.RetryAfter = RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>JSON clients: the API, its description and the health checks. Everything else is a page.</summary>
    public static bool IsApi(PathString path) =>
        path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase) || path.StartsWithSegments("/openapi", StringComparison.OrdinalIgnoreCase) || path.StartsWithSegments("/health", StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// Exceptions on pages re-execute the error page with the client status (a 404 page for an
    /// unknown id, never a blank 500); API exceptions are written by <see cref="ProblemDetailsExceptionHandler"/>.
    /// Client errors are not logged as errors: they feed no false alerts (<see cref="ProblemDetailsExceptionHandler"/>
    /// logs them once as Information, an outage once as a Warning).
    /// </summary>
    public static IApplicationBuilder UseErrorContract(this IApplicationBuilder app)
    {
        app.UseExceptionHandler(new ExceptionHandlerOptions
        {
            ExceptionHandlingPath = PagePath,
            StatusCodeSelector = e => ClientStatus(e) ?? StatusCodes.Status500InternalServerError,
            // The error page answers 404 for "not found" on purpose.
            AllowStatusCode404Response = true,
            SuppressDiagnosticsCallback = c => c.ExceptionHandledBy == ExceptionHandledType.ExceptionHandlerService || ClientStatus(c.Exception) is not null,
        });
        // Status codes without a body (an unknown page, 403, 405): the error page for people,
        // problem details for the API.
        app.UseWhen(c => !IsApi(c.Request.Path), page => page.UseStatusCodePagesWithReExecute(PagePath + "/{0}"));
        app.UseWhen(c => IsApi(c.Request.Path), api => api.UseStatusCodePages());
        return app;
    }
}

/// <summary>Writes API exceptions as RFC 9457 problem details; pages are left to the error page.</summary>
public sealed class ProblemDetailsExceptionHandler(
    IProblemDetailsService problemDetails,
    ModuleCatalog modules,
    IStringLocalizerFactory localizers,
    DatabaseOptions database,
    ILogger<ProblemDetailsExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        // The middleware has already pointed the request at the error page: judge by the original path.
        var path = httpContext.Features.Get<IExceptionHandlerPathFeature>()?.Path ?? httpContext.Request.Path;
        LogClientError(httpContext.Request.Method, path, exception);
        if (!ErrorContract.IsApi(path))
        {
            return false;
        }

        var status = ErrorContract.ClientStatus(exception);
        if (status is null)
        {
            logger.LogError(exception, "Unhandled exception for {Path}", path);
        }
        else if (status == StatusCodes.Status503ServiceUnavailable)
        {
            ErrorContract.AddRetryAfter(httpContext.Response);
        }

        var problem = exception switch
        {
            ValidationException validation => ValidationProblem(validation),
            DomainException domain => Problem(status!.Value, domain.IsConflict ? "Conflict" : "Rule violated", DomainMessages.Localize(domain, modules, localizers)),
            NotFoundException notFound => Problem(status!.Value, "Not found", notFound.Message),
            ForbiddenException => Problem(status!.Value, "Forbidden", exception.Message),
            UnauthorizedAccessException => Problem(status!.Value, "Sign-in required", null),
            _ when status == StatusCodes.Status409Conflict => Problem(status.Value, "Conflict", "Someone else changed this in the meantime. Reload and apply your change again."),
            ExternalServiceException external => Problem(status!.Value, "External service failed", external.Message),
            _ when status == StatusCodes.Status503ServiceUnavailable => Problem(
                status.Value, "Temporarily unavailable", $"The database cannot be reached right now. Saved data is safe; a change sent with this request may not have been saved. Try again in {ErrorContract.RetryAfterSeconds} seconds."),
            BadHttpRequestException badRequest => Problem(status!.Value, "Bad request", badRequest.Message),
            _ when status is { } clientStatus => Problem(clientStatus, "Bad request", null),
            _ => Problem(StatusCodes.Status500InternalServerError, "Server error", null),
        };

        httpContext.Response.StatusCode = problem.Status!.Value;
        var context = new ProblemDetailsContext { HttpContext = httpContext, ProblemDetails = problem, Exception = exception };
        if (!await problemDetails.TryWriteAsync(context))
        {
            // The client accepts no JSON (e.g. `Accept: text/html`): it still gets the status and the problem.
            await httpContext.Response.WriteAsJsonAsync(problem, problem.GetType(), options: null, contentType: "application/problem+json", cancellationToken);
        }

        return true;
    }

    /// <summary>
    /// Client errors (pages and API alike), once per request and without a stack trace: an
    /// outage as a Warning (worth noticing, not a fault of Codex), everything else as Information.
    /// Faults are logged as errors: here for the API, by the exception handler middleware for pages.
    /// </summary>
    private void LogClientError(string method, string path, Exception exception)
    {
        switch (ErrorContract.ClientStatus(exception))
        {
            case StatusCodes.Status503ServiceUnavailable:
                logger.LogWarning("Database unavailable: {Method} {Path} answered 503 ({Reason})", method, path, Innermost(exception));
                // The next requests after the database is back must not meet broken pooled connections.
                ConnectionPools.ForgetAll(database.Provider);
                break;
            case { } status:
                logger.LogInformation("{Method} {Path} answered {Status} ({Reason})", method, path, status, exception.GetType().Name);
                break;
        }
    }

    private static string Innermost(Exception exception)
    {
        var innermost = exception;
        while (innermost.InnerException is not null)
        {
            innermost = innermost.InnerException;
        }

        return $"{innermost.GetType().Name}: {innermost.Message}";
    }

    private static ValidationProblemDetails ValidationProblem(ValidationException validation)
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

    private static ProblemDetails Problem(int status, string title, string? detail) =>
        new() { Status = status, Title = title, Detail = detail };

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
