using Microsoft.Extensions.Options;
using MiniPaas.Router.Hosting;

// The router process: serves every app at http://<app>.localhost:8080, fed by the scheduler's route stream.
WebApplication app;
try
{
    app = RouterApplication.Create(args);
}
catch (OptionsValidationException ex)
{
    foreach (var failure in ex.Failures)
    {
        Console.Error.WriteLine(failure);
    }

    return 2;
}

await app.RunAsync();
return 0;
