using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using MiniPaas.Cli.Hosting;

namespace MiniPaas.Cli.Dashboard;

/// <summary>
/// DashboardLogin asks the scheduler's dashboard for a one-time login link
/// (<c>POST /api/login-tokens</c> with the admin token). The link works once, within 5 minutes,
/// and turns into a browser session cookie.
/// </summary>
internal static class DashboardLogin
{
    /// <summary>How long the request may take.</summary>
    public static readonly TimeSpan RequestTimeout = TimeSpan.FromSeconds(10);

    /// <summary>A fresh login link; <see cref="CliException"/> naming the address when the dashboard does not give one.</summary>
    public static async Task<DashboardLink> CreateLinkAsync(Uri dashboard, string adminToken, CancellationToken cancellationToken)
    {
        using var http = new HttpClient { Timeout = RequestTimeout };
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(dashboard, "/api/login-tokens"));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", adminToken);
        HttpResponseMessage response;
        try
        {
            response = await http.SendAsync(request, cancellationToken);
        }
        catch (HttpRequestException e)
        {
            throw new CliException($"the dashboard at {dashboard.GetLeftPart(UriPartial.Authority)} cannot be reached: {e.Message}");
        }
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new CliException($"the dashboard at {dashboard.GetLeftPart(UriPartial.Authority)} did not answer within {RequestTimeout.TotalSeconds:0} s");
        }

        using (response)
        {
            var body = await response.Content.ReadAsStringAsync(cancellationToken);
            if (response.StatusCode == HttpStatusCode.Unauthorized)
            {
                throw new CliException($"the dashboard at {dashboard.GetLeftPart(UriPartial.Authority)} refused the admin token; is this the platform's home (--home)?");
            }

            if (!response.IsSuccessStatusCode)
            {
                throw new CliException($"the dashboard at {dashboard.GetLeftPart(UriPartial.Authority)} answered {(int)response.StatusCode}: {body}");
            }

            try
            {
                using var document = JsonDocument.Parse(body);
                var url = document.RootElement.GetProperty("url").GetString();
                var expiresAt = document.RootElement.GetProperty("expiresAt").GetDateTimeOffset();
                return new DashboardLink(url ?? throw new CliException("the dashboard answered without a url"), expiresAt);
            }
            catch (Exception e) when (e is JsonException or KeyNotFoundException or FormatException or InvalidOperationException)
            {
                throw new CliException($"the dashboard at {dashboard.GetLeftPart(UriPartial.Authority)} answered something that is not a login token: {body}");
            }
        }
    }
}
