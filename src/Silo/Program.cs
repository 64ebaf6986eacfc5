using Lapor.Hub.Silo.Hosting;

var app = HubHost.Build(args);
await app.RunAsync();
return 0;
