// Secrets-manager helpers for Ruby.
import type { LanguageTemplates } from './types';

/** One `read_…_secret` method per manager. */
export const RUBY: LanguageTemplates = {
  aws: {
    imports: ['require "aws-sdk-secretsmanager"'],
    helper: 'read_aws_secret',
    dependencies: ['gem install aws-sdk-secretsmanager (or add it to the Gemfile)'],
    code: `# Reads a secret from AWS Secrets Manager.
def read_aws_secret(secret_id)
  Aws::SecretsManager::Client.new.get_secret_value(secret_id: secret_id).secret_string
end
`,
  },
  vault: {
    imports: ['require "vault"'],
    helper: 'read_vault_secret',
    dependencies: ['gem install vault (or add it to the Gemfile)'],
    code: `# Reads one field of a HashiCorp Vault KV v2 secret (VAULT_ADDR and VAULT_TOKEN from the environment).
def read_vault_secret(path, field)
  secret = Vault.kv("secret").read(path) or raise "Vault secret #{path} not found"
  secret.data.fetch(field.to_sym)
end
`,
  },
  conjur: {
    imports: ['require "conjur-api"'],
    helper: 'read_conjur_secret',
    dependencies: ['gem install conjur-api (or add it to the Gemfile)'],
    code: `# Reads a CyberArk Conjur variable.
def read_conjur_secret(variable_id)
  Conjur.configuration.appliance_url = ENV.fetch("CONJUR_APPLIANCE_URL")
  Conjur.configuration.account = ENV.fetch("CONJUR_ACCOUNT")
  api = Conjur::API.new_from_key(ENV.fetch("CONJUR_AUTHN_LOGIN"), ENV.fetch("CONJUR_AUTHN_API_KEY"))
  api.resource("#{ENV.fetch("CONJUR_ACCOUNT")}:variable:#{variable_id}").value
end
`,
  },
  azure: {
    imports: ['require "json"', 'require "net/http"', 'require "uri"'],
    helper: 'read_azure_secret',
    dependencies: [],
    code: `# Reads a secret from Azure Key Vault over its REST API, with an access token in AZURE_KEY_VAULT_TOKEN
# (for example from: az account get-access-token --resource https://vault.azure.net).
def read_azure_secret(name)
  uri = URI("#{ENV.fetch("AZURE_KEY_VAULT_URL").chomp("/")}/secrets/#{URI.encode_www_form_component(name)}?api-version=7.4")
  request = Net::HTTP::Get.new(uri)
  request["Authorization"] = "Bearer #{ENV.fetch("AZURE_KEY_VAULT_TOKEN")}"
  response = Net::HTTP.start(uri.host, uri.port, use_ssl: true) { |http| http.request(request) }
  raise "Azure Key Vault read of #{name} failed: #{response.code}" unless response.is_a?(Net::HTTPSuccess)
  JSON.parse(response.body).fetch("value")
end
`,
  },
  gcp: {
    imports: ['require "google/cloud/secret_manager"'],
    helper: 'read_gcp_secret',
    dependencies: ['gem install google-cloud-secret_manager (or add it to the Gemfile)'],
    code: `# Reads the latest version of a Google Secret Manager secret (project in GOOGLE_CLOUD_PROJECT).
def read_gcp_secret(secret_id)
  client = Google::Cloud::SecretManager.secret_manager_service
  name = client.secret_version_path(project: ENV.fetch("GOOGLE_CLOUD_PROJECT"), secret: secret_id, secret_version: "latest")
  client.access_secret_version(name: name).payload.data
end
`,
  },
};
