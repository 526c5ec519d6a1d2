using Codex.Modules.Organization.Domain;
using FluentValidation;

namespace Codex.Modules.Organization.Features.People;

/// <summary>What creating and editing a person have in common.</summary>
public interface IPersonDetails
{
    string FirstName { get; }

    string LastName { get; }

    string Email { get; }

    string PreferredLanguage { get; }
}

internal sealed class PersonDetailsValidator : AbstractValidator<IPersonDetails>
{
    public PersonDetailsValidator()
    {
        RuleFor(c => c.FirstName).NotEmpty().MaximumLength(Person.NameMaxLength);
        RuleFor(c => c.LastName).NotEmpty().MaximumLength(Person.NameMaxLength);
        RuleFor(c => c.Email).NotEmpty().EmailAddress().MaximumLength(Person.EmailMaxLength);
        RuleFor(c => c.PreferredLanguage).Must(l => Person.Languages.Contains(l));
    }
}
