using Lapor.Hub.Channels.Telegram;
using Lapor.Hub.Routing;
using Lapor.Hub.Silo.Hosting;
using Lapor.Hub.Web.Accounts;

// The one executable also carries the operator's tools: `routing train|evaluate|suggest|predict`,
// `accounts create|set-password|unlock|list` and `telegram set-webhook`.
if (args is ["routing", .. var routingArgs])
{
    return await RoutingCommandLine.RunAsync(routingArgs, Console.Out, Console.Error);
}

if (args is [AccountCommandLine.Command, ..])
{
    return await AccountCommandLine.RunAsync(args, HubHost.ToolConfiguration(args), Console.In, Console.Out, Console.Error);
}

if (args is [TelegramCommandLine.Command, ..])
{
    return await TelegramCommandLine.RunAsync(args, HubHost.ToolConfiguration(args), Console.Out, Console.Error);
}

var app = HubHost.Build(args);
await app.RunAsync();
return 0;
