using Lapor.Hub.Channels.Telegram;
using Lapor.Hub.Routing;
using Lapor.Hub.Silo.Hosting;
using Lapor.Hub.Web.Accounts;

// The one executable also carries the operator's tools: `routing train|evaluate|suggest|predict`,
// `accounts create|set-password|unlock|list`, `telegram set-webhook` and `schema apply`.
if (args is ["routing", .. var routingArgs])
{
    return await RoutingCommandLine.RunAsync(routingArgs, Console.Out, Console.Error);
}

if (args is [AccountCommandLine.Command, ..])
{
    // Only "--Section:Key=value" words are settings; the rest ("--user budi", "--password-stdin") belong to the command.
    var settings = args.Where(arg => arg.StartsWith("--", StringComparison.Ordinal) && arg.Contains(':') && arg.Contains('=')).ToArray();
    return await AccountCommandLine.RunAsync(args, HubHost.ToolConfiguration(settings), Console.In, Console.Out, Console.Error);
}

if (args is [SchemaCommandLine.Command, ..])
{
    return await SchemaCommandLine.RunAsync(args, HubHost.ToolConfiguration(args), Console.Out, Console.Error);
}

if (args is [TelegramCommandLine.Command, ..])
{
    return await TelegramCommandLine.RunAsync(args, HubHost.ToolConfiguration(args), Console.Out, Console.Error);
}

var app = HubHost.Build(args);
if (!SiloPortCheck.WarnIfTaken(app.Configuration, app.Logger))
{
    return 1;
}

await app.RunAsync();
return 0;
