using MediatR;

namespace Codex.Modules.Learning.Contracts;

/// <summary>How many submitted steps wait for the signed-in person's sign-off as a lead or mentor, and where to sign them off.</summary>
public sealed record GetSignOffsWaitingForMeQuery : IRequest<SignOffsWaiting>;

public sealed record SignOffsWaiting(int Count, string Link);
