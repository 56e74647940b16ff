using MiniPaas.Contracts.V1;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace MiniPaas.Cli.Output;

/// <summary>ServiceTables renders the Services replies (brokers, marketplace, instances) like <see cref="ReplyTables"/>: plain text cells, never markup.</summary>
internal static class ServiceTables
{
    /// <summary><c>service-brokers</c>: NAME, URL, USERNAME, CREATED.</summary>
    public static IRenderable Brokers(ListServiceBrokersReply reply, TimeZoneInfo zone)
    {
        var table = NewTable("NAME", "URL", "USERNAME", "CREATED");
        foreach (var broker in reply.Brokers.OrderBy(b => b.Name, StringComparer.Ordinal))
        {
            table.AddRow(Cell(broker.Name), Cell(broker.Url), Cell(broker.Username), Cell(Humanize.Time(broker.CreatedAt, zone)));
        }

        return table;
    }

    /// <summary><c>marketplace</c>: SERVICE, PLANS, DESCRIPTION, BROKER.</summary>
    public static IRenderable Marketplace(MarketplaceReply reply)
    {
        var table = NewTable("SERVICE", "PLANS", "DESCRIPTION", "BROKER");
        foreach (var service in reply.Services.OrderBy(s => s.Name, StringComparer.Ordinal))
        {
            table.AddRow(
                Cell(service.Name),
                Cell(string.Join(", ", service.Plans.Select(p => p.Name))),
                Cell(Humanize.OrDash(service.Description)),
                Cell(service.Broker));
        }

        return table;
    }

    /// <summary><c>services</c>: NAME, SERVICE, PLAN, BOUND APPS, LAST OPERATION, BROKER.</summary>
    public static IRenderable Services(ListServicesReply reply)
    {
        var table = NewTable("NAME", "SERVICE", "PLAN", "BOUND APPS", "LAST OPERATION", "BROKER");
        foreach (var service in reply.Services.OrderBy(s => s.Name, StringComparer.Ordinal))
        {
            table.AddRow(
                Cell(service.Name),
                Cell(service.Service),
                Cell(service.Plan),
                Cell(service.BoundApps.Count == 0 ? "-" : string.Join(", ", service.BoundApps)),
                OperationCell(service.LastOperation),
                Cell(service.Broker));
        }

        return table;
    }

    /// <summary><c>service NAME</c>: one instance as a label/value grid.</summary>
    public static IRenderable Service(ServiceInstanceSummary service, TimeZoneInfo zone)
    {
        var grid = new Grid().AddColumn(new GridColumn().PadRight(2)).AddColumn();
        void Row(string label, string value) => grid.AddRow(new Text(label + ":", new Style(decoration: Decoration.Bold)), new Text(value));

        Row("name", service.Name);
        Row("service", service.Service);
        Row("plan", service.Plan);
        Row("broker", service.Broker);
        Row("last operation", service.LastOperation);
        Row("message", Humanize.OrDash(service.Message));
        Row("bound apps", service.BoundApps.Count == 0 ? "-" : string.Join(", ", service.BoundApps));
        Row("created", Humanize.Time(service.CreatedAt, zone));
        Row("instance id", service.InstanceId);
        return grid;
    }

    private static Table NewTable(params string[] headers)
    {
        var table = new Table().Border(TableBorder.None).ShowHeaders();
        foreach (var header in headers)
        {
            table.AddColumn(new TableColumn(new Text(header, new Style(decoration: Decoration.Bold))).PadLeft(0).PadRight(3));
        }

        return table;
    }

    private static Text Cell(string text) => new(text);

    private static Text OperationCell(string operation) => new(operation, operation switch
    {
        "create succeeded" => new Style(Color.Green),
        "create failed" or "delete failed" => new Style(Color.Red),
        "create in progress" or "delete in progress" => new Style(Color.Yellow),
        _ => Style.Plain,
    });
}
