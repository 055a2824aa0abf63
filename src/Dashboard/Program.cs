using Dashboard;

var builder = WebApplication.CreateBuilder(args);
builder.WebHost.UseStaticWebAssets();
builder.AddDashboard();

var app = builder.Build();
app.MapDashboard();
app.Run();
