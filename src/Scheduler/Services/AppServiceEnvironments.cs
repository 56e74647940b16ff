namespace MiniPaas.Scheduler.Services;

/// <summary>
/// AppServiceEnvironments answers which services environment an instance gets: the one recorded
/// for the newest deployment at or below the instance's own. So a bind or unbind (which starts a
/// new deployment) reaches instances as they are rolled over, never the old ones in place.
/// </summary>
internal sealed class AppServiceEnvironments
{
    public static readonly AppServiceEnvironments None = new(new Dictionary<string, IReadOnlyList<(int, IReadOnlyDictionary<string, string>)>>());

    private static readonly IReadOnlyDictionary<string, string> Empty = new Dictionary<string, string>();

    private readonly IReadOnlyDictionary<string, IReadOnlyList<(int FromDeployment, IReadOnlyDictionary<string, string> Env)>> _byApp;

    public AppServiceEnvironments(IReadOnlyDictionary<string, IReadOnlyList<(int FromDeployment, IReadOnlyDictionary<string, string> Env)>> byApp)
    {
        _byApp = byApp;
    }

    public IReadOnlyDictionary<string, string> For(string app, int deployment)
    {
        if (!_byApp.TryGetValue(app, out var versions))
        {
            return Empty;
        }

        IReadOnlyDictionary<string, string> current = Empty;
        foreach (var (fromDeployment, env) in versions)
        {
            if (fromDeployment > deployment)
            {
                break;
            }

            current = env;
        }

        return current;
    }
}
