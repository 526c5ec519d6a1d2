using Codex.Modules.Notifications.Contracts;
using Codex.Modules.Notifications.Templates;
using FluentValidation;
using MediatR;
using Microsoft.Extensions.Localization;

namespace Codex.Modules.Notifications.Features.Sending;

internal sealed class SendEmailCommandValidator : AbstractValidator<SendEmailCommand>
{
    public SendEmailCommandValidator(IStringLocalizer<NotificationsTexts> texts)
    {
        RuleFor(c => c.RecipientPersonId).NotEmpty();
        RuleFor(c => c.DeduplicationKey).NotEmpty().MaximumLength(300);
        RuleFor(c => c.TopicKey).MaximumLength(300);
        RuleFor(c => c.Category).IsInEnum();
        RuleFor(c => c.TemplateKey).Must(EmailTemplates.Exists).WithMessage(c => $"Unknown template '{c.TemplateKey}'.");
        RuleFor(c => c.Data)
            .Must((c, data) => EmailTemplates.Placeholders(texts, c.TemplateKey).All(p => p == "Count" || data.ContainsKey(p)))
            .When(c => EmailTemplates.Exists(c.TemplateKey))
            .WithMessage(c => $"Template '{c.TemplateKey}' needs: {string.Join(", ", EmailTemplates.Placeholders(texts, c.TemplateKey))}.");
    }
}

/// <summary>Queues a mail once per deduplication key; the send job delivers it.</summary>
internal sealed class SendEmailCommandHandler(EmailQueue queue) : IRequestHandler<SendEmailCommand, SendEmailResult>
{
    public const string MessageIdDomain = "codex.mail";

    public async Task<SendEmailResult> Handle(SendEmailCommand command, CancellationToken cancellationToken) =>
        (await queue.QueueAsync([command], cancellationToken))[0];
}
