using System.Security.Cryptography;

namespace MiniPaas.Scheduler.Reconciliation;

/// <summary>InstanceIds makes instance ids that are readable (app and index) and unique (random suffix).</summary>
internal static class InstanceIds
{
    public static string New(string app, int index) =>
        $"{app}-{index}-{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(5))}";
}
