using MiniPaas.Cli.Hosting;

return await CliApplication.RunAsync(CliContext.FromProcess(), args, CancellationToken.None);
