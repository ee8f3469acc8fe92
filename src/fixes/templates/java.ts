// Secrets-manager helpers for Java: a static method added to the class that uses it.
import type { LanguageTemplates } from './types';

/** One static `read…Secret` method per manager (4-space member indentation; re-indented by the planner). */
export const JAVA: LanguageTemplates = {
  aws: {
    imports: [
      'import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;',
      'import software.amazon.awssdk.services.secretsmanager.model.GetSecretValueRequest;',
    ],
    helper: 'readAwsSecret',
    dependencies: ['Maven/Gradle: software.amazon.awssdk:secretsmanager'],
    code: `/** Reads a secret from AWS Secrets Manager. */
static String readAwsSecret(String secretId) {
    try (SecretsManagerClient client = SecretsManagerClient.create()) {
        return client.getSecretValue(GetSecretValueRequest.builder().secretId(secretId).build()).secretString();
    }
}
`,
  },
  vault: {
    imports: [
      'import io.github.jopenlibs.vault.Vault;',
      'import io.github.jopenlibs.vault.VaultConfig;',
      'import io.github.jopenlibs.vault.VaultException;',
    ],
    helper: 'readVaultSecret',
    dependencies: ['Maven/Gradle: io.github.jopenlibs:vault-java-driver'],
    code: `/** Reads one field of a HashiCorp Vault KV v2 secret (VAULT_ADDR and VAULT_TOKEN from the environment). */
static String readVaultSecret(String path, String field) {
    try {
        VaultConfig config = new VaultConfig()
            .address(System.getenv("VAULT_ADDR"))
            .token(System.getenv("VAULT_TOKEN"))
            .engineVersion(2)
            .build();
        return Vault.create(config).logical().read("secret/" + path).getData().get(field);
    } catch (VaultException e) {
        throw new IllegalStateException("Vault read of " + path + " failed", e);
    }
}
`,
  },
  conjur: {
    imports: [
      'import java.net.URI;',
      'import java.net.URLEncoder;',
      'import java.net.http.HttpClient;',
      'import java.net.http.HttpRequest;',
      'import java.net.http.HttpResponse;',
      'import java.nio.charset.StandardCharsets;',
      'import java.util.Base64;',
    ],
    helper: 'readConjurSecret',
    dependencies: [],
    code: `/** Reads a CyberArk Conjur variable over Conjur's REST API. */
static String readConjurSecret(String variableId) {
    String base = System.getenv("CONJUR_APPLIANCE_URL");
    String account = URLEncoder.encode(System.getenv("CONJUR_ACCOUNT"), StandardCharsets.UTF_8);
    String login = URLEncoder.encode(System.getenv("CONJUR_AUTHN_LOGIN"), StandardCharsets.UTF_8);
    String variable = URLEncoder.encode(variableId, StandardCharsets.UTF_8).replace("+", "%20");
    HttpClient http = HttpClient.newHttpClient();
    try {
        HttpResponse<String> auth = http.send(
            HttpRequest.newBuilder(URI.create(base + "/authn/" + account + "/" + login + "/authenticate"))
                .POST(HttpRequest.BodyPublishers.ofString(System.getenv("CONJUR_AUTHN_API_KEY")))
                .build(),
            HttpResponse.BodyHandlers.ofString());
        if (auth.statusCode() != 200) {
            throw new IllegalStateException("Conjur authentication failed: " + auth.statusCode());
        }
        String token = Base64.getEncoder().encodeToString(auth.body().getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> secret = http.send(
            HttpRequest.newBuilder(URI.create(base + "/secrets/" + account + "/variable/" + variable))
                .header("Authorization", "Token token=\\"" + token + "\\"")
                .GET()
                .build(),
            HttpResponse.BodyHandlers.ofString());
        if (secret.statusCode() != 200) {
            throw new IllegalStateException("Conjur read of " + variableId + " failed: " + secret.statusCode());
        }
        return secret.body();
    } catch (java.io.IOException | InterruptedException e) {
        throw new IllegalStateException("Conjur read of " + variableId + " failed", e);
    }
}
`,
  },
  azure: {
    imports: [
      'import com.azure.identity.DefaultAzureCredentialBuilder;',
      'import com.azure.security.keyvault.secrets.SecretClient;',
      'import com.azure.security.keyvault.secrets.SecretClientBuilder;',
    ],
    helper: 'readAzureSecret',
    dependencies: ['Maven/Gradle: com.azure:azure-identity and com.azure:azure-security-keyvault-secrets'],
    code: `/** Reads a secret from Azure Key Vault (vault URL in AZURE_KEY_VAULT_URL). */
static String readAzureSecret(String name) {
    SecretClient client = new SecretClientBuilder()
        .vaultUrl(System.getenv("AZURE_KEY_VAULT_URL"))
        .credential(new DefaultAzureCredentialBuilder().build())
        .buildClient();
    return client.getSecret(name).getValue();
}
`,
  },
  gcp: {
    imports: [
      'import com.google.cloud.secretmanager.v1.SecretManagerServiceClient;',
      'import com.google.cloud.secretmanager.v1.SecretVersionName;',
    ],
    helper: 'readGcpSecret',
    dependencies: ['Maven/Gradle: com.google.cloud:google-cloud-secretmanager'],
    code: `/** Reads the latest version of a Google Secret Manager secret (project in GOOGLE_CLOUD_PROJECT). */
static String readGcpSecret(String secretId) {
    try (SecretManagerServiceClient client = SecretManagerServiceClient.create()) {
        SecretVersionName name = SecretVersionName.of(System.getenv("GOOGLE_CLOUD_PROJECT"), secretId, "latest");
        return client.accessSecretVersion(name).getPayload().getData().toStringUtf8();
    } catch (java.io.IOException e) {
        throw new IllegalStateException("Google secret " + secretId + " could not be read", e);
    }
}
`,
  },
};
