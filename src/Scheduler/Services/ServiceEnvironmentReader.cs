using System.Text.Json;
using MiniPaas.Scheduler.Store;

namespace MiniPaas.Scheduler.Services;

/// <summary>ServiceEnvironmentReader loads and decrypts every app's recorded services environments inside a store transaction.</summary>
internal sealed class ServiceEnvironmentReader
{
    private readonly ServiceSecrets _secrets;

    public ServiceEnvironmentReader(ServiceSecrets secrets)
    {
        _secrets = secrets;
    }

    public static string Purpose(string app, int fromDeployment) => $"env:{app}:{fromDeployment}";

    public AppServiceEnvironments Read(StoreTransaction tx)
    {
        var rows = tx.ListServiceEnvironments();
        if (rows.Count == 0)
        {
            return AppServiceEnvironments.None;
        }

        var byApp = rows
            .GroupBy(r => r.App, StringComparer.Ordinal)
            .ToDictionary(
                g => g.Key,
                g => (IReadOnlyList<(int, IReadOnlyDictionary<string, string>)>)g
                    .OrderBy(r => r.FromDeployment)
                    .Select(r => (r.FromDeployment, Decode(_secrets.Decrypt(r.EncryptedEnv, Purpose(r.App, r.FromDeployment)))))
                    .ToList(),
                StringComparer.Ordinal);
        return new AppServiceEnvironments(byApp);
    }

    public byte[] Seal(string app, int fromDeployment, IReadOnlyDictionary<string, string> env) =>
        _secrets.Encrypt(JsonSerializer.Serialize(env), Purpose(app, fromDeployment));

    private static IReadOnlyDictionary<string, string> Decode(string json) =>
        JsonSerializer.Deserialize<Dictionary<string, string>>(json) ?? new Dictionary<string, string>();
}
