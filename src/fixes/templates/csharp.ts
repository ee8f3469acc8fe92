// Secrets-manager helpers for C#: a synchronous static method added to the class that uses it.
import type { LanguageTemplates } from './types';

/** One static `Read…Secret` method per manager (re-indented by the planner). */
export const CSHARP: LanguageTemplates = {
  aws: {
    imports: ['using Amazon.SecretsManager;', 'using Amazon.SecretsManager.Model;'],
    helper: 'ReadAwsSecret',
    dependencies: ['dotnet add package AWSSDK.SecretsManager'],
    code: `/// <summary>Reads a secret from AWS Secrets Manager.</summary>
static string ReadAwsSecret(string secretId)
{
    using (var client = new AmazonSecretsManagerClient())
    {
        var request = new GetSecretValueRequest { SecretId = secretId };
        return client.GetSecretValueAsync(request).GetAwaiter().GetResult().SecretString;
    }
}
`,
  },
  vault: {
    imports: ['using System;', 'using VaultSharp;', 'using VaultSharp.V1.AuthMethods.Token;'],
    helper: 'ReadVaultSecret',
    dependencies: ['dotnet add package VaultSharp'],
    code: `/// <summary>Reads one field of a HashiCorp Vault KV v2 secret (VAULT_ADDR and VAULT_TOKEN from the environment).</summary>
static string ReadVaultSecret(string path, string field)
{
    var auth = new TokenAuthMethodInfo(Environment.GetEnvironmentVariable("VAULT_TOKEN"));
    var client = new VaultClient(new VaultClientSettings(Environment.GetEnvironmentVariable("VAULT_ADDR"), auth));
    var secret = client.V1.Secrets.KeyValue.V2.ReadSecretAsync(path: path, mountPoint: "secret").GetAwaiter().GetResult();
    return secret.Data.Data[field].ToString();
}
`,
  },
  conjur: {
    imports: ['using System;', 'using System.Net.Http;', 'using System.Text;'],
    helper: 'ReadConjurSecret',
    dependencies: [],
    code: `/// <summary>Reads a CyberArk Conjur variable over Conjur's REST API.</summary>
static string ReadConjurSecret(string variableId)
{
    var baseUrl = Environment.GetEnvironmentVariable("CONJUR_APPLIANCE_URL");
    var account = Uri.EscapeDataString(Environment.GetEnvironmentVariable("CONJUR_ACCOUNT") ?? "");
    var login = Uri.EscapeDataString(Environment.GetEnvironmentVariable("CONJUR_AUTHN_LOGIN") ?? "");
    using (var http = new HttpClient())
    {
        var apiKey = new StringContent(Environment.GetEnvironmentVariable("CONJUR_AUTHN_API_KEY") ?? "");
        var auth = http.PostAsync(baseUrl + "/authn/" + account + "/" + login + "/authenticate", apiKey).GetAwaiter().GetResult();
        auth.EnsureSuccessStatusCode();
        var token = Convert.ToBase64String(Encoding.UTF8.GetBytes(auth.Content.ReadAsStringAsync().GetAwaiter().GetResult()));
        var request = new HttpRequestMessage(HttpMethod.Get, baseUrl + "/secrets/" + account + "/variable/" + Uri.EscapeDataString(variableId));
        request.Headers.TryAddWithoutValidation("Authorization", "Token token=\\"" + token + "\\"");
        var response = http.SendAsync(request).GetAwaiter().GetResult();
        response.EnsureSuccessStatusCode();
        return response.Content.ReadAsStringAsync().GetAwaiter().GetResult();
    }
}
`,
  },
  azure: {
    imports: ['using System;', 'using Azure.Identity;', 'using Azure.Security.KeyVault.Secrets;'],
    helper: 'ReadAzureSecret',
    dependencies: ['dotnet add package Azure.Identity', 'dotnet add package Azure.Security.KeyVault.Secrets'],
    code: `/// <summary>Reads a secret from Azure Key Vault (vault URL in AZURE_KEY_VAULT_URL).</summary>
static string ReadAzureSecret(string name)
{
    var client = new SecretClient(new Uri(Environment.GetEnvironmentVariable("AZURE_KEY_VAULT_URL")), new DefaultAzureCredential());
    return client.GetSecret(name).Value.Value;
}
`,
  },
  gcp: {
    imports: ['using System;', 'using Google.Cloud.SecretManager.V1;'],
    helper: 'ReadGcpSecret',
    dependencies: ['dotnet add package Google.Cloud.SecretManager.V1'],
    code: `/// <summary>Reads the latest version of a Google Secret Manager secret (project in GOOGLE_CLOUD_PROJECT).</summary>
static string ReadGcpSecret(string secretId)
{
    var client = SecretManagerServiceClient.Create();
    var name = new SecretVersionName(Environment.GetEnvironmentVariable("GOOGLE_CLOUD_PROJECT"), secretId, "latest");
    return client.AccessSecretVersion(name).Payload.Data.ToStringUtf8();
}
`,
  },
};
