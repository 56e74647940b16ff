using MiniPaas.Scheduler.Hosting;
using MiniPaas.Scheduler.LogShipping;
using Serilog;
using Serilog.Events;

var builder = WebApplication.CreateBuilder(args);
var platformLogs = PlatformLogShipping.FromConfiguration(builder.Configuration);
var logger = new LoggerConfiguration()
    .MinimumLevel.Information()
    .MinimumLevel.Override("Microsoft.AspNetCore", LogEventLevel.Warning)
    .WriteTo.Console(formatProvider: System.Globalization.CultureInfo.InvariantCulture)
    .ShipToSystemApp(platformLogs)
    .CreateLogger();
builder.Logging.ClearProviders();
builder.Logging.AddSerilog(logger, dispose: true);
builder.Services.AddSingleton(_ => platformLogs);

builder.AddScheduler();
var app = builder.Build();
app.MapScheduler();
platformLogs.LogState(app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("MiniPaas.Scheduler"));
app.Run();
