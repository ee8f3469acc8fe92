var apiKey = Environment.GetEnvironmentVariable("OPENAI_API_KEY");
var connectionString = builder.Configuration.GetConnectionString("Default");
var clientSecret = builder.Configuration["AzureAd:ClientSecret"];
