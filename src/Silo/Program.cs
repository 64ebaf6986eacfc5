using Lapor.Hub.Channels.Telegram;
using Lapor.Hub.Silo.Hosting;

// The one executable also carries the operator's tools: `telegram set-webhook`, and (with the routing issue) `routing …`.
if (args is [TelegramCommandLine.Command, ..])
{
    return await TelegramCommandLine.RunAsync(args, HubHost.ToolConfiguration(args), Console.Out, Console.Error);
}

var app = HubHost.Build(args);
await app.RunAsync();
return 0;
