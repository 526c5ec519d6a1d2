using System.Linq.Expressions;
using System.Reflection;
using Codex.Shared.Persistence;
using Microsoft.Extensions.Localization;

namespace Codex.Host.Web;

/// <summary>
/// Validation messages name fields the way the form does ("Vorname", not "FirstName"): the
/// label is looked up as `Field.{Property}` in the texts of the module that owns the request.
/// </summary>
internal static class FieldNames
{
    public static Func<Type, MemberInfo, LambdaExpression, string?> Resolver(IServiceProvider services) =>
        (type, member, _) =>
        {
            if (member is null)
            {
                return null;
            }

            var module = services.GetRequiredService<ModuleCatalog>().ForAssembly(type.Assembly);
            if (module?.TextsType is null)
            {
                return member.Name;
            }

            var text = services.GetRequiredService<IStringLocalizerFactory>().Create(module.TextsType)[$"Field.{member.Name}"];
            return text.ResourceNotFound ? member.Name : text.Value;
        };
}
