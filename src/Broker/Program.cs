using MiniPaas.Logging.Client;

// The standalone service broker: an Open Service Broker API v2 server on 127.0.0.1:7090 by default.
// Required: --MiniPaas:Broker:Username=... --MiniPaas:Broker:Password=... (or MiniPaas__Broker__* variables).
var builder = WebApplication.CreateBuilder(args);
await using var systemLogs = PlatformLogging.UseSerilog(
    builder.Logging,
    builder.Configuration["MiniPaas:LogAggregatorAddress"],
    builder.Configuration["MiniPaas:LogAggregatorToken"],
    LogSourceTypes.Api,
    "broker",
    "MiniPaas:LogAggregatorAddress");

builder.AddBroker();
var app = builder.Build();
app.MapBroker();
await app.RunAsync();
