using MiniPaas.Registry.Hosting;

// The standalone registry process; the control plane may instead call AddRegistry/MapRegistry in its own host.
var builder = WebApplication.CreateBuilder(args);
builder.AddRegistry();

var app = builder.Build();
app.MapRegistry();
app.Run();
