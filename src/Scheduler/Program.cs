using MiniPaas.Scheduler.Hosting;

var builder = WebApplication.CreateBuilder(args);
builder.AddScheduler();
var app = builder.Build();
app.MapScheduler();
app.Run();
