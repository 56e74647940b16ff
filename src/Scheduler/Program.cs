using MiniPaas.Logging.Client;
using MiniPaas.Scheduler.Hosting;
using MiniPaas.Scheduler.LogShipping;

var builder = WebApplication.CreateBuilder(args);
var platformLogs = PlatformLogShipping.FromConfiguration(builder.Configuration);
PlatformLogging.UseSerilog(builder.Logging, platformLogs.Shipper, LogSourceTypes.Api, ApiEventLines.SourceInstance);
builder.Services.AddSingleton(_ => platformLogs);

builder.AddScheduler();
var app = builder.Build();
app.MapScheduler();
platformLogs.LogState(app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("MiniPaas.Scheduler"));
app.Run();
