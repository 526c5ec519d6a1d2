using Codex.Modules.Notifications.Contracts;
using FluentValidation;
using MediatR;
using Microsoft.Extensions.Localization;

namespace Codex.Modules.Notifications.Features.Sending;

internal sealed class QueueEmailsCommandValidator : AbstractValidator<QueueEmailsCommand>
{
    public QueueEmailsCommandValidator(IStringLocalizer<NotificationsTexts> texts)
    {
        RuleFor(c => c.Mails).NotNull();
        RuleForEach(c => c.Mails).SetValidator(new SendEmailCommandValidator(texts));
    }
}

internal sealed class QueueEmailsCommandHandler(EmailQueue queue) : IRequestHandler<QueueEmailsCommand, IReadOnlyList<SendEmailResult>>
{
    public Task<IReadOnlyList<SendEmailResult>> Handle(QueueEmailsCommand command, CancellationToken cancellationToken) =>
        queue.QueueAsync(command.Mails, cancellationToken);
}
