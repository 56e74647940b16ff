using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;
using MiniPaas.Broker.Backends.Redis;
using MiniPaas.Broker.Store;

namespace MiniPaas.Broker.Servers;

/// <summary>
/// The broker's private <c>redis-server</c>: a child process on 127.0.0.1 with an append-only file (data
/// survives restarts) and an ACL file holding the broker's admin user and one user per binding. The default
/// user is switched off, so every client authenticates. Stopped with <c>SHUTDOWN</c> when the broker stops.
/// </summary>
internal sealed class RedisServer : IAsyncDisposable
{
    public const string AdminUser = "minipaas-broker";
    private const string AdminSecretName = "redis-admin-password";

    private readonly RedisServerOptions _options;
    private readonly BrokerPaths _paths;
    private readonly BrokerStore _store;
    private readonly ILogger<RedisServer> _logger;
    private Process? _process;
    private string? _adminPassword;

    public RedisServer(IOptions<BrokerOptions> options, BrokerPaths paths, BrokerStore store, ILogger<RedisServer> logger)
    {
        _options = options.Value.Redis;
        _paths = paths;
        _store = store;
        _logger = logger;
    }

    public string Host => "127.0.0.1";

    public int Port => _options.Port;

    private string AclFile => Path.Combine(_paths.RedisDirectory, "users.acl");

    private string PidFile => Path.Combine(_paths.RedisDirectory, "redis-server.pid");

    private string LogFile => Path.Combine(_paths.RedisDirectory, "redis.log");

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (!File.Exists(_options.ServerPath))
        {
            throw new InvalidOperationException(
                $"{BrokerOptions.SectionName}:Redis:ServerPath \"{_options.ServerPath}\" does not exist; install Debian's redis-server package or point the setting at redis-server.");
        }

        Directory.CreateDirectory(_paths.RedisDirectory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        _adminPassword = _store.GetOrCreateSecret(AdminSecretName, () => RandomSecret.Create());
        await WriteAclFileAsync(_adminPassword, cancellationToken);
        await StopOrphanAsync(cancellationToken);

        var startInfo = new ProcessStartInfo(_options.ServerPath)
        {
            UseShellExecute = false,
            // Our own pipes rather than the broker's stdio: a redis-server outliving a crashed broker must not hold
            // the broker's parent's output open. It logs to --logfile; the pipes only ever see start-up noise.
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = _paths.RedisDirectory,
        };
        foreach (var argument in new[]
        {
            "--bind", Host,
            "--port", Port.ToString(CultureInfo.InvariantCulture),
            "--protected-mode", "yes",
            "--daemonize", "no",
            "--dir", _paths.RedisDirectory,
            "--aclfile", AclFile,
            "--appendonly", "yes",
            "--save", string.Empty,
            "--logfile", LogFile,
        })
        {
            startInfo.ArgumentList.Add(argument);
        }

        _process = Process.Start(startInfo) ?? throw new InvalidOperationException($"Could not start {_options.ServerPath}.");
        _process.OutputDataReceived += (_, _) => { };
        _process.ErrorDataReceived += (_, _) => { };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        await File.WriteAllTextAsync(PidFile, _process.Id.ToString(CultureInfo.InvariantCulture), cancellationToken);
        await WaitUntilAnsweringAsync(_process, cancellationToken);
        BrokerLog.ServerStarted(_logger, "redis", Host, Port, _paths.RedisDirectory);
    }

    /// <summary>A connection authenticated as the broker's admin user.</summary>
    public async Task<RespConnection> ConnectAdminAsync(CancellationToken cancellationToken)
    {
        var password = _adminPassword ?? throw new InvalidOperationException("The Redis server has not been started.");
        var connection = await RespConnection.ConnectAsync(Host, Port, cancellationToken);
        try
        {
            await connection.SendAsync(cancellationToken, "AUTH", AdminUser, password);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        var process = _process;
        if (process is null)
        {
            return;
        }

        _process = null;
        await ShutdownAsync(process, cancellationToken);
        File.Delete(PidFile);
        process.Dispose();
        BrokerLog.ServerStopped(_logger, "redis", Host, Port);
    }

    public async ValueTask DisposeAsync()
    {
        if (_process is { } process)
        {
            _process = null;
            if (!process.HasExited)
            {
                process.Kill();
            }

            process.Dispose();
        }

        await Task.CompletedTask;
    }

    private async Task ShutdownAsync(Process process, CancellationToken cancellationToken)
    {
        if (!process.HasExited)
        {
            try
            {
                await using var admin = await ConnectAdminAsync(cancellationToken);
                // SHUTDOWN closes the connection instead of answering once it succeeds.
                await admin.SendAsync(cancellationToken, "SHUTDOWN");
            }
            catch (Exception ex) when (ex is IOException or System.Net.Sockets.SocketException)
            {
            }
        }

        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(_options.StartTimeout);
        try
        {
            await process.WaitForExitAsync(deadline.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill();
            await process.WaitForExitAsync(CancellationToken.None);
        }
    }

    /// <summary>
    /// Keeps the binding users an earlier run saved with <c>ACL SAVE</c> and (re)writes the two lines the broker
    /// owns: the default user off, and its admin user with the password from the store.
    /// </summary>
    private async Task WriteAclFileAsync(string adminPassword, CancellationToken cancellationToken)
    {
        var kept = File.Exists(AclFile)
            ? (await File.ReadAllLinesAsync(AclFile, cancellationToken))
                .Where(line => !line.StartsWith("user default ", StringComparison.Ordinal)
                    && !line.StartsWith($"user {AdminUser} ", StringComparison.Ordinal)
                    && !string.IsNullOrWhiteSpace(line))
            : [];
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(adminPassword)));
        var lines = new List<string>
        {
            "user default off resetkeys resetchannels -@all",
            $"user {AdminUser} on #{hash} ~* &* +@all",
        };
        lines.AddRange(kept);
        var temp = AclFile + ".tmp";
        await File.WriteAllLinesAsync(temp, lines, cancellationToken);
        File.SetUnixFileMode(temp, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        File.Move(temp, AclFile, overwrite: true);
    }

    /// <summary>
    /// Stops a redis-server an earlier broker on this directory started and did not stop (it died). Only the
    /// process recorded in our pid file, and only if it is a redis-server working in our directory (redis-server
    /// rewrites its command line, so the working directory is what identifies it).
    /// </summary>
    private async Task StopOrphanAsync(CancellationToken cancellationToken)
    {
        if (!File.Exists(PidFile) || !int.TryParse(await File.ReadAllTextAsync(PidFile, cancellationToken), NumberStyles.None, CultureInfo.InvariantCulture, out var pid))
        {
            return;
        }

        if (!IsOurRedis(pid))
        {
            File.Delete(PidFile);
            return;
        }

        BrokerLog.OrphanServerStopping(_logger, "redis", _paths.RedisDirectory);
        try
        {
            await using var admin = await ConnectAdminAsync(cancellationToken);
            await admin.SendAsync(cancellationToken, "SHUTDOWN");
        }
        catch (Exception ex) when (ex is IOException or System.Net.Sockets.SocketException or RedisErrorException)
        {
            // Closed the connection (it is stopping), or does not accept our admin user: the deadline below decides.
        }

        if (!await WaitForOrphanExitAsync(pid, _options.StartTimeout, cancellationToken))
        {
            using var orphan = Process.GetProcessById(pid);
            orphan.Kill();
            if (!await WaitForOrphanExitAsync(pid, TimeSpan.FromSeconds(10), cancellationToken))
            {
                throw new InvalidOperationException($"redis-server {pid} left running in {_paths.RedisDirectory} by an earlier broker does not stop.");
            }
        }

        File.Delete(PidFile);
    }

    private bool IsOurRedis(int pid)
    {
        var proc = Path.Combine("/proc", pid.ToString(CultureInfo.InvariantCulture));
        try
        {
            // Debian's redis-server is a link to redis-check-rdb, so compare where both links finally lead.
            var executable = File.ResolveLinkTarget(Path.Combine(proc, "exe"), returnFinalTarget: true)?.FullName;
            var ours = File.ResolveLinkTarget(_options.ServerPath, returnFinalTarget: true)?.FullName ?? _options.ServerPath;
            var workingDirectory = Directory.ResolveLinkTarget(Path.Combine(proc, "cwd"), returnFinalTarget: false)?.FullName;
            return executable == ours && workingDirectory == _paths.RedisDirectory;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    /// <summary>
    /// Waits until the process is gone or a zombie: it is not our child, so nothing here can reap it, and
    /// <see cref="Process.WaitForExitAsync(CancellationToken)"/> would wait for a zombie forever.
    /// </summary>
    private static async Task<bool> WaitForOrphanExitAsync(int pid, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var stat = Path.Combine("/proc", pid.ToString(CultureInfo.InvariantCulture), "stat");
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            string text;
            try
            {
                text = await File.ReadAllTextAsync(stat, cancellationToken);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                return true;
            }

            // "pid (comm) S ...": the state follows the last ')'.
            var state = text[(text.LastIndexOf(')') + 2)..].FirstOrDefault();
            if (state is 'Z' or 'X')
            {
                return true;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(50), cancellationToken);
        }

        return false;
    }

    private async Task WaitUntilAnsweringAsync(Process process, CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow + _options.StartTimeout;
        Exception? last = null;
        while (DateTime.UtcNow < deadline)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException(
                    $"redis-server exited with code {process.ExitCode} right after starting on 127.0.0.1:{Port} (is {BrokerOptions.SectionName}:Redis:Port free?): {TailOfLog()}");
            }

            try
            {
                await using var admin = await ConnectAdminAsync(cancellationToken);
                // Only our own process counts: a server still holding the port would answer too.
                var info = await admin.SendAsync(cancellationToken, "INFO", "server") as string ?? string.Empty;
                if (info.Contains($"process_id:{process.Id.ToString(CultureInfo.InvariantCulture)}\r\n", StringComparison.Ordinal))
                {
                    return;
                }
            }
            catch (Exception ex) when (ex is IOException or System.Net.Sockets.SocketException or RedisErrorException)
            {
                // LOADING (replaying the append-only file) or not listening yet.
                last = ex;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(50), cancellationToken);
        }

        throw new TimeoutException($"redis-server did not answer on 127.0.0.1:{Port} within {_options.StartTimeout} ({BrokerOptions.SectionName}:Redis:StartTimeout): {last?.Message} {TailOfLog()}");
    }

    private string TailOfLog()
    {
        try
        {
            return string.Join(" | ", File.ReadLines(LogFile).TakeLast(5));
        }
        catch (IOException)
        {
            return $"no log at {LogFile}";
        }
    }
}
