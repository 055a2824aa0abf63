using Dashboard.LoadTool;

// dotnet run --project src/Dashboard.LoadTool -- load --tenant acme --rps 200 --seconds 30
// dotnet run --project src/Dashboard.LoadTool -- load --tenant acme --rps 200 --seconds 30 --via http://127.0.0.1:5080
// dotnet run --project src/Dashboard.LoadTool -- migrate --tenant sandbox --to-provider DynamoDb --setting ServiceUrl=http://127.0.0.1:8000 --setting TableName=dashboard-sandbox
return args is ["migrate", ..] ? await MigrateCommand.RunAsync(args) : await LoadCommand.RunAsync(args);
