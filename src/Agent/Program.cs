using Microsoft.Extensions.Hosting;
using MiniPaas.Agent.Hosting;
using MiniPaas.Logging.Client;

// A generic host: the agent only makes outbound calls (scheduler, Docker) and listens on no port.
var builder = Host.CreateApplicationBuilder(args);
var section = builder.Configuration.GetSection(AgentOptions.SectionName);
await using var systemLogs = PlatformLogging.UseSerilog(
    builder.Logging,
    section["LogAggregatorAddress"],
    section["LogAggregatorToken"],
    LogSourceTypes.Cell,
    section["NodeId"] ?? "agent",
    $"{AgentOptions.SectionName}:LogAggregatorAddress");
builder.AddAgent();
using var app = builder.Build();
await app.RunAsync();
