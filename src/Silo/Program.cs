using Lapor.Hub.Channels.Telegram;
using Lapor.Hub.Routing;
using Lapor.Hub.Silo.Hosting;

// The one executable also carries the operator's tools: `routing train|evaluate|suggest|predict` and `telegram set-webhook`.
if (args is ["routing", .. var routingArgs])
{
    return await RoutingCommandLine.RunAsync(routingArgs, Console.Out, Console.Error);
}

if (args is [TelegramCommandLine.Command, ..])
{
    return await TelegramCommandLine.RunAsync(args, HubHost.ToolConfiguration(args), Console.Out, Console.Error);
}

var app = HubHost.Build(args);
await app.RunAsync();
return 0;
