namespace MiniPaas.Cli.Dashboard;

/// <summary>DashboardLink is a one-time login link to the dashboard and when it stops working.</summary>
internal sealed record DashboardLink(string Url, DateTimeOffset ExpiresAt);
