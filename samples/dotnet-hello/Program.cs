// A minimal ASP.NET Core app for the dotnet stack. It listens where the platform says: on
// ASPNETCORE_URLS if set (the dotnet stack derives it from $PORT), else on 0.0.0.0:$PORT.
var builder = WebApplication.CreateBuilder(args);
if (string.IsNullOrEmpty(Environment.GetEnvironmentVariable("ASPNETCORE_URLS")))
{
    var port = Environment.GetEnvironmentVariable("PORT") ?? "8080";
    builder.WebHost.UseUrls($"http://0.0.0.0:{port}");
}

var app = builder.Build();
var appName = Environment.GetEnvironmentVariable("APP_NAME") ?? "dotnet-hello";
var instance = Environment.GetEnvironmentVariable("INSTANCE_INDEX") ?? "0";
var listenPort = Environment.GetEnvironmentVariable("PORT") ?? "8080";

app.MapGet("/", () => $"hello from {appName} instance {instance} on port {listenPort} (.NET {Environment.Version})\n");
app.MapGet("/health", () => Results.Text("ok\n"));
app.Run();
