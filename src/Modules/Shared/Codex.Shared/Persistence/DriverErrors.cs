using System.Data.Common;

namespace Codex.Shared.Persistence;

/// <summary>The one walk through EF Core's wrappers to the driver's own exception, for every classifier of database errors.</summary>
internal static class DriverErrors
{
    public static bool AnyCause(Exception? exception, Func<DbException, bool> matches)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            if (e is DbException db && matches(db))
            {
                return true;
            }
        }

        return false;
    }
}
