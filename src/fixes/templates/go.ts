// Secrets-manager helpers for Go: each returns the value and panics when it cannot, so calls fit in expressions.
import type { LanguageTemplates } from './types';

/** One `read…Secret` function per manager; imports are Go import paths. */
export const GO: LanguageTemplates = {
  aws: {
    imports: ['context', 'github.com/aws/aws-sdk-go-v2/aws', 'github.com/aws/aws-sdk-go-v2/config', 'github.com/aws/aws-sdk-go-v2/service/secretsmanager'],
    helper: 'readAWSSecret',
    dependencies: ['go get github.com/aws/aws-sdk-go-v2/config github.com/aws/aws-sdk-go-v2/service/secretsmanager'],
    code: `// readAWSSecret reads a secret from AWS Secrets Manager.
func readAWSSecret(secretID string) string {
	ctx := context.Background()
	cfg, err := config.LoadDefaultConfig(ctx)
	if err != nil {
		panic("aws config: " + err.Error())
	}
	out, err := secretsmanager.NewFromConfig(cfg).GetSecretValue(ctx, &secretsmanager.GetSecretValueInput{SecretId: aws.String(secretID)})
	if err != nil {
		panic("aws secret " + secretID + ": " + err.Error())
	}
	return aws.ToString(out.SecretString)
}
`,
  },
  vault: {
    imports: ['context', 'github.com/hashicorp/vault/api'],
    helper: 'readVaultSecret',
    dependencies: ['go get github.com/hashicorp/vault/api'],
    code: `// readVaultSecret reads one field of a HashiCorp Vault KV v2 secret (VAULT_ADDR and VAULT_TOKEN from the environment).
func readVaultSecret(path, field string) string {
	client, err := api.NewClient(api.DefaultConfig())
	if err != nil {
		panic("vault client: " + err.Error())
	}
	secret, err := client.KVv2("secret").Get(context.Background(), path)
	if err != nil {
		panic("vault secret " + path + ": " + err.Error())
	}
	value, ok := secret.Data[field].(string)
	if !ok {
		panic("vault secret " + path + " has no string field " + field)
	}
	return value
}
`,
  },
  conjur: {
    imports: ['encoding/base64', 'io', 'net/http', 'net/url', 'os', 'strings'],
    helper: 'readConjurSecret',
    dependencies: [],
    code: `// readConjurSecret reads a CyberArk Conjur variable over Conjur's REST API.
func readConjurSecret(variableID string) string {
	base := os.Getenv("CONJUR_APPLIANCE_URL")
	account := url.PathEscape(os.Getenv("CONJUR_ACCOUNT"))
	login := url.PathEscape(os.Getenv("CONJUR_AUTHN_LOGIN"))
	resp, err := http.Post(base+"/authn/"+account+"/"+login+"/authenticate", "text/plain", strings.NewReader(os.Getenv("CONJUR_AUTHN_API_KEY")))
	if err != nil {
		panic("conjur authentication: " + err.Error())
	}
	token, err := io.ReadAll(resp.Body)
	resp.Body.Close()
	if err != nil || resp.StatusCode != http.StatusOK {
		panic("conjur authentication failed: " + resp.Status)
	}
	req, err := http.NewRequest(http.MethodGet, base+"/secrets/"+account+"/variable/"+url.PathEscape(variableID), nil)
	if err != nil {
		panic(err.Error())
	}
	req.Header.Set("Authorization", \`Token token="\`+base64.StdEncoding.EncodeToString(token)+\`"\`)
	resp, err = http.DefaultClient.Do(req)
	if err != nil {
		panic("conjur read " + variableID + ": " + err.Error())
	}
	defer resp.Body.Close()
	value, err := io.ReadAll(resp.Body)
	if err != nil || resp.StatusCode != http.StatusOK {
		panic("conjur read " + variableID + " failed: " + resp.Status)
	}
	return string(value)
}
`,
  },
  azure: {
    imports: ['context', 'os', 'github.com/Azure/azure-sdk-for-go/sdk/azidentity', 'github.com/Azure/azure-sdk-for-go/sdk/security/keyvault/azsecrets'],
    helper: 'readAzureSecret',
    dependencies: ['go get github.com/Azure/azure-sdk-for-go/sdk/azidentity github.com/Azure/azure-sdk-for-go/sdk/security/keyvault/azsecrets'],
    code: `// readAzureSecret reads a secret from Azure Key Vault (vault URL in AZURE_KEY_VAULT_URL).
func readAzureSecret(name string) string {
	cred, err := azidentity.NewDefaultAzureCredential(nil)
	if err != nil {
		panic("azure credential: " + err.Error())
	}
	client, err := azsecrets.NewClient(os.Getenv("AZURE_KEY_VAULT_URL"), cred, nil)
	if err != nil {
		panic("azure key vault: " + err.Error())
	}
	resp, err := client.GetSecret(context.Background(), name, "", nil)
	if err != nil {
		panic("azure secret " + name + ": " + err.Error())
	}
	return *resp.Value
}
`,
  },
  gcp: {
    imports: ['context', 'os', 'cloud.google.com/go/secretmanager/apiv1', 'cloud.google.com/go/secretmanager/apiv1/secretmanagerpb'],
    helper: 'readGCPSecret',
    dependencies: ['go get cloud.google.com/go/secretmanager'],
    code: `// readGCPSecret reads the latest version of a Google Secret Manager secret (project in GOOGLE_CLOUD_PROJECT).
func readGCPSecret(secretID string) string {
	ctx := context.Background()
	client, err := secretmanager.NewClient(ctx)
	if err != nil {
		panic("secret manager client: " + err.Error())
	}
	defer client.Close()
	resp, err := client.AccessSecretVersion(ctx, &secretmanagerpb.AccessSecretVersionRequest{
		Name: "projects/" + os.Getenv("GOOGLE_CLOUD_PROJECT") + "/secrets/" + secretID + "/versions/latest",
	})
	if err != nil {
		panic("google secret " + secretID + ": " + err.Error())
	}
	return string(resp.Payload.Data)
}
`,
  },
};
