using MiniPaas.LogAggregator.Hosting;

var builder = WebApplication.CreateBuilder(args);
builder.AddLogAggregator();
var app = builder.Build();
app.MapLogAggregator();
app.Run();
