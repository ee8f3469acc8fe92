// Secrets-manager helpers for Python (synchronous clients).
import type { LanguageTemplates } from './types';

/** One `read_…_secret` function per manager. */
export const PYTHON: LanguageTemplates = {
  aws: {
    imports: ['import boto3'],
    helper: 'read_aws_secret',
    dependencies: ['pip install boto3'],
    code: `def read_aws_secret(secret_id: str) -> str:
    """Reads a secret from AWS Secrets Manager."""
    return boto3.client("secretsmanager").get_secret_value(SecretId=secret_id)["SecretString"]
`,
  },
  vault: {
    imports: ['import os', 'import hvac'],
    helper: 'read_vault_secret',
    dependencies: ['pip install hvac'],
    code: `def read_vault_secret(path: str, field: str) -> str:
    """Reads one field of a HashiCorp Vault KV v2 secret."""
    client = hvac.Client(url=os.environ["VAULT_ADDR"], token=os.environ["VAULT_TOKEN"])
    response = client.secrets.kv.v2.read_secret_version(path=path, mount_point="secret", raise_on_deleted_version=True)
    return response["data"]["data"][field]
`,
  },
  conjur: {
    imports: ['import base64', 'import os', 'import urllib.parse', 'import urllib.request'],
    helper: 'read_conjur_secret',
    dependencies: [],
    code: `def read_conjur_secret(variable_id: str) -> str:
    """Reads a CyberArk Conjur variable over Conjur's REST API."""
    base = os.environ["CONJUR_APPLIANCE_URL"]
    account = urllib.parse.quote(os.environ["CONJUR_ACCOUNT"], safe="")
    login = urllib.parse.quote(os.environ["CONJUR_AUTHN_LOGIN"], safe="")
    auth = urllib.request.Request(
        f"{base}/authn/{account}/{login}/authenticate",
        data=os.environ["CONJUR_AUTHN_API_KEY"].encode(),
        method="POST",
    )
    with urllib.request.urlopen(auth) as response:
        token = base64.b64encode(response.read()).decode()
    variable = urllib.parse.quote(variable_id, safe="")
    request = urllib.request.Request(
        f"{base}/secrets/{account}/variable/{variable}",
        headers={"Authorization": 'Token token="' + token + '"'},
    )
    with urllib.request.urlopen(request) as response:
        return response.read().decode()
`,
  },
  azure: {
    imports: ['import os', 'from azure.identity import DefaultAzureCredential', 'from azure.keyvault.secrets import SecretClient'],
    helper: 'read_azure_secret',
    dependencies: ['pip install azure-identity azure-keyvault-secrets'],
    code: `def read_azure_secret(name: str) -> str:
    """Reads a secret from Azure Key Vault."""
    client = SecretClient(vault_url=os.environ["AZURE_KEY_VAULT_URL"], credential=DefaultAzureCredential())
    return client.get_secret(name).value
`,
  },
  gcp: {
    imports: ['import os', 'from google.cloud import secretmanager'],
    helper: 'read_gcp_secret',
    dependencies: ['pip install google-cloud-secret-manager'],
    code: `def read_gcp_secret(secret_id: str) -> str:
    """Reads the latest version of a Google Secret Manager secret."""
    client = secretmanager.SecretManagerServiceClient()
    name = "projects/" + os.environ["GOOGLE_CLOUD_PROJECT"] + "/secrets/" + secret_id + "/versions/latest"
    return client.access_secret_version(request={"name": name}).payload.data.decode("utf-8")
`,
  },
};
