using System.Net.Sockets;
using System.Text.Json;

namespace MiniPaas.Cli.Platform;

/// <summary>Checks that tell whether a component answers yet, each bounded by a short per-attempt timeout.</summary>
internal static class ReadinessProbes
{
    private static readonly TimeSpan AttemptTimeout = TimeSpan.FromSeconds(1);

    /// <summary>True when a TCP connection to <paramref name="host"/>:<paramref name="port"/> is accepted.</summary>
    public static async Task<bool> TcpAnswersAsync(string host, int port, CancellationToken cancellationToken)
    {
        using var attempt = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        attempt.CancelAfter(AttemptTimeout);
        using var client = new TcpClient();
        try
        {
            await client.ConnectAsync(host, port, attempt.Token);
            return true;
        }
        catch (Exception e) when (e is SocketException or OperationCanceledException && !cancellationToken.IsCancellationRequested)
        {
            return false;
        }
    }

    /// <summary>
    /// True when nothing listens on <paramref name="host"/>:<paramref name="port"/>: binding it
    /// ourselves is decisive and instant, where a connect attempt can time out on a busy machine
    /// and make a taken port look free.
    /// </summary>
    public static bool IsPortFree(string host, int port)
    {
        try
        {
            var listener = new TcpListener(System.Net.IPAddress.Parse(host), port);
            listener.Start();
            listener.Stop();
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    /// <summary>True when <paramref name="url"/> gives any HTTP answer (401 from the token-protected registry counts: it is up).</summary>
    public static async Task<bool> HttpAnswersAsync(Uri url, CancellationToken cancellationToken)
    {
        using var client = new HttpClient { Timeout = AttemptTimeout };
        try
        {
            using var response = await client.GetAsync(url, cancellationToken);
            return true;
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            return false;
        }
    }

    /// <summary>True when <paramref name="url"/> answers 200 with a JSON object whose boolean <paramref name="property"/> is true.</summary>
    public static async Task<bool> JsonFlagAsync(Uri url, string property, CancellationToken cancellationToken)
    {
        using var client = new HttpClient { Timeout = AttemptTimeout };
        try
        {
            using var response = await client.GetAsync(url, cancellationToken);
            if (!response.IsSuccessStatusCode)
            {
                return false;
            }

            using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync(cancellationToken));
            return document.RootElement.ValueKind == JsonValueKind.Object
                && document.RootElement.TryGetProperty(property, out var flag)
                && flag.ValueKind == JsonValueKind.True;
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException or JsonException && !cancellationToken.IsCancellationRequested)
        {
            return false;
        }
    }
}
