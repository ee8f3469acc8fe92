provider "aws" {
  region     = "eu-west-1"
  access_key = "⟪aws-access-key-id⟫AKIA[[b32:16]]"
  secret_key = var.aws_secret_key
}

provider "datadog" {
  api_key = var.datadog_api_key
}

provider "cloudflare" {
  api_token = "⟪generic-secret-assignment⟫[[b64url:40]]"
}

resource "digitalocean_droplet" "web" {
  image = "ubuntu-22-04-x64"
  name  = "web-1"
}

provider "digitalocean" {
  token = "⟪digitalocean-personal-access-token⟫dop_v1_[[hex:64]]"
}
