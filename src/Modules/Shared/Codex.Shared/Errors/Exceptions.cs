namespace Codex.Shared.Errors;

public sealed class NotFoundException(string entity, object key)
    : Exception($"{entity} '{key}' was not found.")
{
    public string Entity { get; } = entity;
}

public sealed class ForbiddenException() : Exception("You may not do this.");

/// <summary>The client's copy is outdated: someone else saved in between (or created the same thing at the same moment).</summary>
public sealed class ConcurrencyConflictException : Exception
{
    public ConcurrencyConflictException(string entity, object key)
        : base($"{entity} '{key}' was changed by someone else in the meantime.")
    {
    }

    public ConcurrencyConflictException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}

/// <summary>
/// A service outside Codex (e.g. the mail server) could not be reached or refused the request:
/// a 502 for the client, not a 500. The message is already in the user's language.
/// </summary>
public sealed class ExternalServiceException(string message, Exception innerException) : Exception(message, innerException);
