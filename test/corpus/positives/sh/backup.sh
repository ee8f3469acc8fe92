#!/bin/sh
export OP_SERVICE_ACCOUNT_TOKEN="⟪onepassword-service-account-token⟫ops_eyJzaWduSW5BZGRyZXNzIjoi[[b64:300]]"
curl -T /backups/db.tar.gz ftp://backup:⟪ftp-url-credentials⟫[[alnum:16]]@ftp.partner.example.net/incoming/
curl -X POST -H "Content-Type: application/json" -d '{"text":"done"}' "⟪discord-webhook-url⟫https://discord.com/api/webhooks/[[digits:19]]/[[b64url:68]]"
