using MediatR;

namespace Codex.Shared.Mediation;

/// <summary>A request that changes state: it runs in one transaction of its module's database.</summary>
public interface ICommand<out TResponse> : IRequest<TResponse>;

/// <summary>Only signed-in users in one of these roles may send the request.</summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class RequiresRoleAttribute(params string[] roles) : Attribute
{
    public IReadOnlyList<string> Roles { get; } = roles;
}

/// <summary>Any signed-in user may send the request (the handler may check more).</summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class RequiresSignInAttribute : Attribute;
