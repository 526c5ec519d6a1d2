using Microsoft.Data.SqlClient;
using Npgsql;

namespace Codex.Shared.Persistence;

/// <summary>
/// After a database restart every idle pooled connection is broken, and each fails once when it is
/// next used — a mail sender would stop at each, and every stop widens its duplicate window. So
/// when the database is seen to be gone, the pools are emptied: afterwards only fresh connections
/// are handed out.
/// </summary>
public static class ConnectionPools
{
    public static void ForgetAll(DatabaseProvider provider)
    {
        switch (provider)
        {
            case DatabaseProvider.PostgreSql:
                NpgsqlConnection.ClearAllPools();
                break;
            case DatabaseProvider.SqlServer:
                SqlConnection.ClearAllPools();
                break;
            default:
                // A file: nothing to lose contact with.
                break;
        }
    }
}
