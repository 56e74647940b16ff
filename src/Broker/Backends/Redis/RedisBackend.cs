using System.Globalization;
using System.Text.Json.Nodes;
using MiniPaas.Broker.Catalog;
using MiniPaas.Broker.Servers;
using MiniPaas.Broker.Store;

namespace MiniPaas.Broker.Backends.Redis;

/// <summary>
/// <c>redis</c> instances and bindings on the broker's Redis server. An instance is a key prefix; a binding is
/// an ACL user limited to keys and channels under that prefix and to non-dangerous commands. Users are saved
/// to the ACL file (<c>ACL SAVE</c>) so they survive restarts.
/// </summary>
internal sealed class RedisBackend : IServiceBackend
{
    private readonly RedisServer _server;
    private readonly ILogger<RedisBackend> _logger;

    public RedisBackend(RedisServer server, ILogger<RedisBackend> logger)
    {
        _server = server;
        _logger = logger;
    }

    public ServiceKind Kind => ServiceKind.Redis;

    /// <summary>Every key of the instance starts with this; it ends with ':' so no instance's prefix extends another's.</summary>
    public static string KeyPrefix(string instanceId) => $"mp-{ResourceNames.InstanceToken(instanceId)}:";

    public static string UserName(string instanceId, string bindingId) => $"mp-{ResourceNames.BindingToken(instanceId, bindingId)}";

    public async Task ProvisionAsync(string instanceId, ServicePlan plan, CancellationToken cancellationToken)
    {
        // Nothing to create ahead of the first key, but provisioning must not succeed on a server that is not there.
        await using var admin = await _server.ConnectAdminAsync(cancellationToken);
        await admin.SendAsync(cancellationToken, "PING");
        BrokerLog.RedisPrefixReserved(_logger, instanceId, KeyPrefix(instanceId));
    }

    public Task ChangePlanAsync(string instanceId, ServicePlan plan, CancellationToken cancellationToken) =>
        throw new NotSupportedException("The redis service has a single plan; there is no plan to change to.");

    public async Task DeprovisionAsync(string instanceId, IReadOnlyList<string> bindingIds, CancellationToken cancellationToken)
    {
        var prefix = KeyPrefix(instanceId);
        await using var admin = await _server.ConnectAdminAsync(cancellationToken);
        foreach (var bindingId in bindingIds)
        {
            await admin.SendAsync(cancellationToken, "ACL", "DELUSER", UserName(instanceId, bindingId));
        }

        await admin.SendAsync(cancellationToken, "ACL", "SAVE");

        // The prefix is hex and '-' and ':' only, so it has no glob characters to escape.
        var cursor = "0";
        long deleted = 0;
        do
        {
            var reply = (object?[])(await admin.SendAsync(cancellationToken, "SCAN", cursor, "MATCH", prefix + "*", "COUNT", "1000"))!;
            cursor = (string)reply[0]!;
            var keys = ((object?[])reply[1]!).Cast<string>().ToList();
            if (keys.Count > 0)
            {
                deleted += (long)(await admin.SendAsync(["UNLINK", .. keys], cancellationToken))!;
            }
        }
        while (cursor != "0");

        BrokerLog.RedisPrefixDeleted(_logger, instanceId, prefix, deleted);
    }

    public async Task<BindingResult> BindAsync(string instanceId, string bindingId, CancellationToken cancellationToken)
    {
        var prefix = KeyPrefix(instanceId);
        var user = UserName(instanceId, bindingId);
        var password = RandomSecret.Create();
        await using var admin = await _server.ConnectAdminAsync(cancellationToken);
        // reset first: a user left by a crashed bind gets exactly these rules and only the new password.
        await admin.SendAsync(cancellationToken,
            "ACL", "SETUSER", user, "reset", "on", ">" + password, "~" + prefix + "*", "&" + prefix + "*", "+@all", "-@dangerous");
        await admin.SendAsync(cancellationToken, "ACL", "SAVE");
        BrokerLog.RedisUserCreated(_logger, instanceId, bindingId, user);

        var host = _server.Host;
        var port = _server.Port;
        var credentials = new JsonObject
        {
            ["host"] = host,
            ["port"] = port,
            ["username"] = user,
            ["password"] = password,
            ["key_prefix"] = prefix,
            ["uri"] = $"redis://{user}:{password}@{host}:{port.ToString(CultureInfo.InvariantCulture)}",
        };
        return new BindingResult(credentials, host, port);
    }

    public async Task UnbindAsync(string instanceId, string bindingId, CancellationToken cancellationToken)
    {
        var user = UserName(instanceId, bindingId);
        await using var admin = await _server.ConnectAdminAsync(cancellationToken);
        // DELUSER also disconnects every client authenticated as the user.
        await admin.SendAsync(cancellationToken, "ACL", "DELUSER", user);
        await admin.SendAsync(cancellationToken, "ACL", "SAVE");
        BrokerLog.RedisUserDeleted(_logger, instanceId, bindingId, user);
    }
}
