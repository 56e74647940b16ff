using Microsoft.Extensions.Options;
using MiniPaas.Logging.Client;
using MiniPaas.Router.Hosting;

// The router process: serves every app at http://<app>.localhost:8080, fed by the scheduler's route stream.
WebApplication app;
LogShipper? systemLogs = null;
try
{
    app = RouterApplication.Create(args, builder =>
    {
        var section = builder.Configuration.GetSection(RouterOptions.SectionName);
        systemLogs = PlatformLogging.UseSerilog(
            builder.Logging,
            section["LogAggregatorAddress"],
            section["LogAggregatorToken"],
            LogSourceTypes.Router,
            section["RouterId"] ?? "router",
            $"{RouterOptions.SectionName}:LogAggregatorAddress");
    });
}
catch (OptionsValidationException ex)
{
    foreach (var failure in ex.Failures)
    {
        Console.Error.WriteLine(failure);
    }

    return 2;
}

try
{
    await app.RunAsync();
    return 0;
}
catch (IOException ex) when (ex.InnerException is Microsoft.AspNetCore.Connections.AddressInUseException)
{
    // Most likely a second router (or another program) on the same port; say which setting moves it.
    Console.Error.WriteLine($"The router could not listen: {ex.Message} Change {RouterOptions.SectionName}:ListenUrl or {RouterOptions.SectionName}:AdminUrl.");
    return 1;
}
finally
{
    if (systemLogs is not null)
    {
        await systemLogs.DisposeAsync();
    }
}
