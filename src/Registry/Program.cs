using MiniPaas.Logging.Client;
using MiniPaas.Registry.Hosting;

// The standalone registry process; the control plane may instead call AddRegistry/MapRegistry in its own host.
var builder = WebApplication.CreateBuilder(args);
await using var systemLogs = PlatformLogging.UseSerilog(
    builder.Logging,
    builder.Configuration["MiniPaas:LogAggregatorAddress"],
    builder.Configuration["MiniPaas:LogAggregatorToken"],
    LogSourceTypes.Api,
    "registry",
    "MiniPaas:LogAggregatorAddress");
builder.AddRegistry();

var app = builder.Build();
app.MapRegistry();
await app.RunAsync();
