using Microsoft.EntityFrameworkCore;

namespace Codex.Shared.Persistence;

public sealed record PagedResult<T>(IReadOnlyList<T> Items, int Page, int PageSize, int TotalCount)
{
    public int TotalPages => TotalCount == 0 ? 1 : (TotalCount + PageSize - 1) / PageSize;

    public bool HasPrevious => Page > 1;

    public bool HasNext => Page < TotalPages;
}

public static class PagingExtensions
{
    public const int MaxPageSize = 200;

    public static async Task<PagedResult<T>> ToPagedAsync<T>(this IQueryable<T> query, int page, int pageSize, CancellationToken cancellationToken)
    {
        var total = await query.CountAsync(cancellationToken);
        // In int, (page - 1) * pageSize overflows for huge page numbers (a negative OFFSET: PostgreSQL
        // fails, SQLite returns the first page). A page beyond the last one is simply empty.
        var skip = (long)(page - 1) * pageSize;
        if (skip >= total)
        {
            return new PagedResult<T>([], page, pageSize, total);
        }

        var items = await query.Skip((int)skip).Take(pageSize).ToListAsync(cancellationToken);
        return new PagedResult<T>(items, page, pageSize, total);
    }
}
