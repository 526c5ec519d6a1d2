namespace Codex.Modules.TeamCodex.Features.Proposals;

/// <summary>The JSON body of the endpoints that take one text (amending, commenting).</summary>
public sealed record TextRequest(string? Text);
