param([string]$Configuration = "Release")

$env:AZURE_DEVOPS_EXT_PAT = "⟪azure-devops-pat⟫[[alnum:52]]JQQJ99[[alnum:18]]AZDO[[alnum:4]]"
dotnet pack -c $Configuration
dotnet nuget push out/*.nupkg --api-key ⟪nuget-api-key⟫oy2[[lower:43]] --source https://api.nuget.org/v3/index.json
$token = $env:GITHUB_TOKEN
