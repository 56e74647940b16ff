using System.Net.Http.Headers;
using System.Text;
using Microsoft.Extensions.Options;
using MiniPaas.Registry.Hosting;

namespace MiniPaas.Registry.Tests.Infrastructure;

/// <summary>
/// The registry on a real Kestrel bound to 127.0.0.1 and a free port chosen by the OS, so external clients
/// (skopeo, the Docker engine) can reach it and tests can run in parallel.
/// </summary>
internal sealed class RegistryTestServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private RegistryTestServer(WebApplication app, Uri address, string dataDirectory, CapturingLoggerProvider logs, string? token)
    {
        _app = app;
        Address = address;
        DataDirectory = dataDirectory;
        Logs = logs;
        Token = token;
    }

    public Uri Address { get; }

    /// <summary><c>127.0.0.1:PORT</c>, the registry part of an image reference.</summary>
    public string HostPort => $"{Address.Host}:{Address.Port}";

    public string DataDirectory { get; }

    public string? Token { get; }

    public CapturingLoggerProvider Logs { get; }

    public static async Task<RegistryTestServer> StartAsync(string dataDirectory, Action<RegistryOptions>? configure = null)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var logs = new CapturingLoggerProvider();
        builder.Logging.ClearProviders();
        builder.Logging.SetMinimumLevel(LogLevel.Debug);
        builder.Logging.AddProvider(logs);

        builder.Services.AddRegistry(options =>
        {
            options.DataDirectory = dataDirectory;
            configure?.Invoke(options);
        });

        var app = builder.Build();
        app.MapRegistry();
        await app.StartAsync();

        var token = app.Services.GetRequiredService<IOptions<RegistryOptions>>().Value.Token;
        var address = new Uri(app.Urls.Single());
        return new RegistryTestServer(app, address, dataDirectory, logs, token);
    }

    /// <summary>A client that sends the token (when one is set) as Basic credentials, like Docker does.</summary>
    public HttpClient CreateClient(bool authenticate = true)
    {
        var client = new HttpClient { BaseAddress = Address, Timeout = TimeSpan.FromSeconds(60) };
        if (authenticate && Token is not null)
        {
            var credentials = Convert.ToBase64String(Encoding.UTF8.GetBytes($"anyone:{Token}"));
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", credentials);
        }

        return client;
    }

    public RegistryClient CreateRegistryClient() => new(CreateClient());

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
