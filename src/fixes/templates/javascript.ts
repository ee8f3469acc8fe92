// Secrets-manager helpers for JavaScript and TypeScript (async; Node 18+ for fetch).
import type { LanguageTemplates } from './types';

/** One async `read…Secret` helper per manager. */
export const JAVASCRIPT: LanguageTemplates = {
  aws: {
    imports: [{ module: '@aws-sdk/client-secrets-manager', named: ['SecretsManagerClient', 'GetSecretValueCommand'] }],
    helper: 'readAwsSecret',
    async: true,
    dependencies: ['npm install @aws-sdk/client-secrets-manager'],
    code: `/** Reads a secret from AWS Secrets Manager. */
async function readAwsSecret(secretId<%:string%>)<%:Promise<string>%> {
  const client = new SecretsManagerClient({});
  const result = await client.send(new GetSecretValueCommand({ SecretId: secretId }));
  if (result.SecretString === undefined) throw new Error(\`AWS secret \${secretId} has no string value\`);
  return result.SecretString;
}
`,
  },
  vault: {
    imports: [],
    helper: 'readVaultSecret',
    async: true,
    dependencies: [],
    code: `/** Reads one field of a HashiCorp Vault KV v2 secret over Vault's HTTP API. */
async function readVaultSecret(path<%:string%>, field<%:string%>)<%:Promise<string>%> {
  const response = await fetch(\`\${process.env.VAULT_ADDR}/v1/secret/data/\${path}\`, {
    headers: { 'X-Vault-Token': process.env.VAULT_TOKEN ?? '' },
  });
  if (!response.ok) throw new Error(\`Vault read of \${path} failed: \${response.status}\`);
  const body = (await response.json())<%as { data: { data: Record<string, string | undefined> } }%>;
  const value = body.data.data[field];
  if (value === undefined) throw new Error(\`Vault secret \${path} has no field \${field}\`);
  return value;
}
`,
  },
  conjur: {
    imports: [],
    helper: 'readConjurSecret',
    async: true,
    dependencies: [],
    code: `/** Reads a CyberArk Conjur variable over Conjur's REST API. */
async function readConjurSecret(variableId<%:string%>)<%:Promise<string>%> {
  const base = process.env.CONJUR_APPLIANCE_URL;
  const account = encodeURIComponent(process.env.CONJUR_ACCOUNT ?? '');
  const login = encodeURIComponent(process.env.CONJUR_AUTHN_LOGIN ?? '');
  const auth = await fetch(\`\${base}/authn/\${account}/\${login}/authenticate\`, {
    method: 'POST',
    body: process.env.CONJUR_AUTHN_API_KEY ?? '',
  });
  if (!auth.ok) throw new Error(\`Conjur authentication failed: \${auth.status}\`);
  const token = Buffer.from(await auth.text()).toString('base64');
  const response = await fetch(\`\${base}/secrets/\${account}/variable/\${encodeURIComponent(variableId)}\`, {
    headers: { Authorization: \`Token token="\${token}"\` },
  });
  if (!response.ok) throw new Error(\`Conjur read of \${variableId} failed: \${response.status}\`);
  return response.text();
}
`,
  },
  azure: {
    imports: [
      { module: '@azure/identity', named: ['DefaultAzureCredential'] },
      { module: '@azure/keyvault-secrets', named: ['SecretClient'] },
    ],
    helper: 'readAzureSecret',
    async: true,
    dependencies: ['npm install @azure/identity @azure/keyvault-secrets'],
    code: `/** Reads a secret from Azure Key Vault. */
async function readAzureSecret(name<%:string%>)<%:Promise<string>%> {
  const client = new SecretClient(process.env.AZURE_KEY_VAULT_URL ?? '', new DefaultAzureCredential());
  const secret = await client.getSecret(name);
  if (secret.value === undefined) throw new Error(\`Azure secret \${name} has no value\`);
  return secret.value;
}
`,
  },
  gcp: {
    imports: [{ module: '@google-cloud/secret-manager', named: ['SecretManagerServiceClient'] }],
    helper: 'readGcpSecret',
    async: true,
    dependencies: ['npm install @google-cloud/secret-manager'],
    code: `/** Reads the latest version of a Google Secret Manager secret. */
async function readGcpSecret(secretId<%:string%>)<%:Promise<string>%> {
  const client = new SecretManagerServiceClient();
  const [version] = await client.accessSecretVersion({
    name: \`projects/\${process.env.GOOGLE_CLOUD_PROJECT}/secrets/\${secretId}/versions/latest\`,
  });
  const data = version.payload?.data;
  if (!data) throw new Error(\`Google secret \${secretId} has no payload\`);
  return data.toString();
}
`,
  },
};
