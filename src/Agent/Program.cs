using Microsoft.Extensions.Hosting;
using MiniPaas.Agent.Hosting;

// A generic host: the agent only makes outbound calls (scheduler, Docker) and listens on no port.
var builder = Host.CreateApplicationBuilder(args);
builder.AddAgent();
using var app = builder.Build();
app.Run();
