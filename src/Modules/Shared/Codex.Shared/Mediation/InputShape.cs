using System.Collections;
using System.Collections.Concurrent;
using System.Reflection;
using FluentValidation;
using FluentValidation.Results;
using MediatR;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Localization;

namespace Codex.Shared.Mediation;

/// <summary>Texts of the input checks (Resources/InputTexts.resx).</summary>
public sealed class InputTexts;

/// <summary>
/// The edge every request passes, API and pages alike: before any validator runs, a request must
/// have its declared shape — no null where the type says "not null" (also list items), no
/// undefined enum value, no control character in a text (a NUL is refused by PostgreSQL but stored
/// by SQLite: all providers must behave the same), no lone surrogate, no text over
/// <see cref="MaxTextLength"/>. So validators are null-safe by construction, and a hostile body
/// is a field error, never a 500.
/// </summary>
public static class InputShape
{
    /// <summary>Longer than any codex, comment or description a person writes; field rules are stricter.</summary>
    public const int MaxTextLength = 200_000;

    private const int MaxDepth = 8;

    private static readonly ConcurrentDictionary<Type, Member[]> Members = new();

    public static IReadOnlyList<ValidationFailure> Check(object request, IStringLocalizer? texts)
    {
        var failures = new List<ValidationFailure>();
        Walk(request, "", 0, failures, texts);
        return failures;
    }

    /// <summary>Tab, line feed and carriage return are text; every other control character is not.</summary>
    public static bool IsCleanText(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                i++;
            }
            else if (char.IsSurrogate(c) || (char.IsControl(c) && c is not ('\t' or '\n' or '\r')))
            {
                return false;
            }
        }

        return true;
    }

    private static void Walk(object value, string path, int depth, List<ValidationFailure> failures, IStringLocalizer? texts)
    {
        if (depth > MaxDepth)
        {
            return;
        }

        foreach (var member in Members.GetOrAdd(value.GetType(), Describe))
        {
            var name = path + member.Property.Name;
            var field = value.GetType();
            var current = member.Property.GetValue(value);
            if (current is null)
            {
                if (!member.MayBeNull)
                {
                    failures.Add(Failure(name, "Input.Required", field, member.Property, texts));
                }

                continue;
            }

            CheckValue(current, name, field, member.Property, depth, failures, texts);
            if (current is IEnumerable items and not string && member.ItemType is { } itemType && IsChecked(itemType))
            {
                var index = 0;
                foreach (var item in items)
                {
                    var itemName = $"{name}[{index++}]";
                    if (item is null)
                    {
                        if (!member.ItemsMayBeNull)
                        {
                            failures.Add(Failure(itemName, "Input.EmptyItem", field, member.Property, texts));
                        }

                        continue;
                    }

                    CheckValue(item, itemName, field, member.Property, depth, failures, texts);
                }
            }
        }
    }

    private static void CheckValue(object value, string name, Type field, PropertyInfo property, int depth, List<ValidationFailure> failures, IStringLocalizer? texts)
    {
        switch (value)
        {
            case string text when text.Length > MaxTextLength:
                failures.Add(Failure(name, "Input.TooLong", field, property, texts, MaxTextLength));
                break;
            case string text when !IsCleanText(text):
                failures.Add(Failure(name, "Input.ControlCharacters", field, property, texts));
                break;
            case Enum choice when !choice.GetType().IsDefined(typeof(FlagsAttribute)) && !Enum.IsDefined(choice.GetType(), choice):
                failures.Add(Failure(name, "Input.UnknownValue", field, property, texts));
                break;
            case not string when IsCodexType(value.GetType()):
                Walk(value, name + ".", depth + 1, failures, texts);
                break;
        }
    }

    private static ValidationFailure Failure(string name, string key, Type type, PropertyInfo property, IStringLocalizer? texts, params object[] more)
    {
        var label = ValidatorOptions.Global.DisplayNameResolver(type, property, null!) ?? property.Name;
        object[] arguments = [label, .. more];
        var text = texts?[key, arguments];
        return new ValidationFailure(name, text is { ResourceNotFound: false } ? text.Value : $"{label}: {key}");
    }

    /// <summary>Only the items that can carry text or further requests are looked into (not bytes of an upload).</summary>
    private static bool IsChecked(Type itemType) =>
        itemType == typeof(string) || itemType.IsEnum || IsCodexType(itemType);

    private static bool IsCodexType(Type type) =>
        type.Namespace?.StartsWith("Codex.", StringComparison.Ordinal) == true && !type.IsEnum && !type.IsPrimitive;

    private static Member[] Describe(Type type)
    {
        // NullabilityInfoContext is not thread-safe: one per description.
        var nullability = new NullabilityInfoContext();
        return [.. type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.CanRead && p.GetIndexParameters().Length == 0)
            .Select(p =>
            {
                var info = nullability.Create(p);
                var item = info.ElementType ?? (info.GenericTypeArguments.Length == 1 && typeof(IEnumerable).IsAssignableFrom(p.PropertyType) ? info.GenericTypeArguments[0] : null);
                return new Member(
                    p,
                    MayBeNull: info.ReadState != NullabilityState.NotNull,
                    ItemType: item?.Type,
                    ItemsMayBeNull: item is null || item.ReadState != NullabilityState.NotNull);
            })];
    }

    private sealed record Member(PropertyInfo Property, bool MayBeNull, Type? ItemType, bool ItemsMayBeNull);
}

/// <summary>Runs <see cref="InputShape"/> after authorisation and before the validators.</summary>
internal sealed class InputShapeBehaviour<TRequest, TResponse>(IServiceProvider services)
    : IPipelineBehavior<TRequest, TResponse>
{
    public Task<TResponse> Handle(TRequest request, CancellationToken cancellationToken, RequestHandlerDelegate<TResponse> next)
    {
        if (request is not null)
        {
            var failures = InputShape.Check(request, services.GetService<IStringLocalizer<InputTexts>>());
            if (failures.Count > 0)
            {
                throw new ValidationException(failures);
            }
        }

        return next();
    }
}
