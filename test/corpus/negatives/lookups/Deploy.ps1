$token = $env:GITHUB_TOKEN
$password = ConvertTo-SecureString $env:SVC_PASSWORD -AsPlainText -Force
Invoke-RestMethod -Uri https://api.corp.internal -Headers @{ Authorization = "Bearer $token" }
