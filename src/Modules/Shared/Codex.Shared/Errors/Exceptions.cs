namespace Codex.Shared.Errors;

public sealed class NotFoundException(string entity, object key)
    : Exception($"{entity} '{key}' was not found.")
{
    public string Entity { get; } = entity;
}

public sealed class ForbiddenException() : Exception("You may not do this.");

/// <summary>The client's copy is outdated: someone else saved in between.</summary>
public sealed class ConcurrencyConflictException(string entity, object key)
    : Exception($"{entity} '{key}' was changed by someone else in the meantime.");
