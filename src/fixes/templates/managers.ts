// Facts about each secrets manager that do not depend on the language.
import type { SecretsManager } from '../types';
import type { ManagerInfo } from './types';

/** Labels, call arguments (placeholder defaults) and setup notes per manager. */
export const MANAGERS: Readonly<Record<SecretsManager, ManagerInfo>> = {
  aws: {
    label: 'AWS Secrets Manager',
    args: ['<%kebab%>'],
    setup: 'Credentials and region come from the standard AWS chain (AWS_REGION, AWS_PROFILE, an instance or task role).',
  },
  vault: {
    label: 'HashiCorp Vault',
    args: ['<%kebab%>', '<%snake%>'],
    setup: 'Reads the KV v2 engine mounted at secret/ using VAULT_ADDR and VAULT_TOKEN from the environment; the second argument is the field inside the secret.',
  },
  conjur: {
    label: 'CyberArk Conjur',
    args: ['<%kebab%>'],
    setup: 'Authenticates with CONJUR_APPLIANCE_URL, CONJUR_ACCOUNT, CONJUR_AUTHN_LOGIN and CONJUR_AUTHN_API_KEY from the environment; the argument is the variable id.',
  },
  azure: {
    label: 'Azure Key Vault',
    args: ['<%kebab%>'],
    setup: 'The vault URL comes from AZURE_KEY_VAULT_URL; credentials from DefaultAzureCredential (Azure CLI login, managed identity, or AZURE_CLIENT_ID/AZURE_TENANT_ID/AZURE_CLIENT_SECRET).',
  },
  gcp: {
    label: 'Google Secret Manager',
    args: ['<%kebab%>'],
    setup: 'Reads the latest version in the project named by GOOGLE_CLOUD_PROJECT, with Application Default Credentials.',
  },
};
