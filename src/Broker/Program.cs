using Serilog;
using Serilog.Events;

// The standalone service broker: an Open Service Broker API v2 server on 127.0.0.1:7090 by default.
// Required: --MiniPaas:Broker:Username=... --MiniPaas:Broker:Password=... (or MiniPaas__Broker__* variables).
var builder = WebApplication.CreateBuilder(args);
var logger = new LoggerConfiguration()
    .MinimumLevel.Information()
    .MinimumLevel.Override("Microsoft.AspNetCore", LogEventLevel.Warning)
    .WriteTo.Console(formatProvider: System.Globalization.CultureInfo.InvariantCulture)
    .CreateLogger();
builder.Logging.ClearProviders();
builder.Logging.AddSerilog(logger, dispose: true);

builder.AddBroker();
var app = builder.Build();
app.MapBroker();
app.Run();
