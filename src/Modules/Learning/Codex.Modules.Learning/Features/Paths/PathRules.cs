using Codex.Modules.Learning.Domain;
using Codex.Modules.Learning.Features.Enrolments;
using Codex.Modules.Learning.Persistence;
using Codex.Shared.Domain;
using Codex.Shared.Errors;
using Codex.Shared.Mediation;
using Codex.Shared.Persistence;
using Codex.Shared.Security;
using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace Codex.Modules.Learning.Features.Paths;

internal static class PathRules
{
    public static void Details<T>(AbstractValidator<T> v, System.Linq.Expressions.Expression<Func<T, string>> title,
        System.Linq.Expressions.Expression<Func<T, string?>> description, System.Linq.Expressions.Expression<Func<T, int?>> recurrence)
    {
        v.RuleFor(title).NotEmpty().MaximumLength(LearningPath.TitleMaxLength);
        v.RuleFor(description).MaximumLength(LearningPath.DescriptionMaxLength);
        v.RuleFor(recurrence).InclusiveBetween(1, LearningPath.MaxRecurrenceMonths);
    }

    public static async Task<LearningPath> LoadAsync(LearningDbContext db, Guid id, CancellationToken ct) =>
        await db.Paths.Include(p => p.Steps).Include(p => p.Assignments).FirstOrDefaultAsync(p => p.Id == id, ct)
        ?? throw new NotFoundException(nameof(LearningPath), id);
}
