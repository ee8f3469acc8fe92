"""Django settings for the shop project (production)."""
import os

DEBUG = False
SECRET_KEY = "⟪generic-secret-assignment⟫[[alnum:20]]-[[b64url:30]]"
ALLOWED_HOSTS = ["shop.corp.test"]

DATABASES = {
    "default": dj_database_url.parse("postgres://shop:⟪postgres-connection-uri⟫[[alnum:24]]@db.prod.internal:5432/shop"),
}

AWS_ACCESS_KEY_ID = "⟪aws-access-key-id⟫AKIA[[b32:16]]"
AWS_SECRET_ACCESS_KEY = "⟪aws-secret-access-key⟫[[alnum:20]]/[[b64:19]]"
AWS_STORAGE_BUCKET_NAME = "shop-media"

EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
HUGGINGFACE_TOKEN = os.getenv("HF_TOKEN")
