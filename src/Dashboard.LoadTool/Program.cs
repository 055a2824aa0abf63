using Dashboard.LoadTool;

// dotnet run --project src/Dashboard.LoadTool -- load --tenant acme --rps 200 --seconds 30
// dotnet run --project src/Dashboard.LoadTool -- load --tenant acme --rps 200 --seconds 30 --via http://127.0.0.1:5080
return await LoadCommand.RunAsync(args);
