using System.Globalization;

namespace Codex.Host.Web;

/// <summary>
/// The answer to a rate-limited request: the API gets 429 problem details with Retry-After; a
/// person in the browser is sent back to the page they submitted, which then says to wait
/// (never a bare 429 or raw JSON for a page).
/// </summary>
internal static class AttemptsLimited
{
    public const string QueryKey = "limited";

    public static async ValueTask AnswerAsync(HttpContext http, int retryAfterSeconds, CancellationToken ct)
    {
        var response = http.Response;
        response.Headers.RetryAfter = retryAfterSeconds.ToString(CultureInfo.InvariantCulture);
        if (http.Request.Path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase))
        {
            response.StatusCode = StatusCodes.Status429TooManyRequests;
            await response.WriteAsJsonAsync(
                new { type = "about:blank", title = "Too many attempts", status = 429, retryAfterSeconds },
                options: null, contentType: "application/problem+json", ct);
            return;
        }

        var query = QueryString.Create(http.Request.Query
            .Where(q => q.Key != QueryKey)
            .SelectMany(q => q.Value.Select(v => new KeyValuePair<string, string?>(q.Key, v)))
            .Append(new KeyValuePair<string, string?>(QueryKey, ((retryAfterSeconds + 59) / 60).ToString(CultureInfo.InvariantCulture))));
        response.StatusCode = StatusCodes.Status303SeeOther;
        response.Headers.Location = http.Request.PathBase + http.Request.Path + query.ToUriComponent();
    }

    /// <summary>The minutes to wait when the page was reached through such a redirect.</summary>
    public static int? MinutesOf(HttpRequest request) =>
        int.TryParse(request.Query[QueryKey], NumberStyles.None, CultureInfo.InvariantCulture, out var minutes) && minutes is > 0 and < 100 ? minutes : null;
}
