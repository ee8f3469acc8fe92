#!/bin/sh
curl -H "Authorization: Bearer $API_TOKEN" https://api.corp.internal/v1/deploy
docker login -u "$REGISTRY_USER" --password-stdin <<< "$REGISTRY_PASSWORD"
psql "postgres://app:${DB_PASSWORD}@db.internal:5432/app"
export AWS_SECRET_ACCESS_KEY="${AWS_SECRET_ACCESS_KEY:?missing}"
