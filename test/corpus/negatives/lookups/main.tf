provider "aws" {
  access_key = var.aws_access_key
  secret_key = var.aws_secret_key
}
resource "aws_db_instance" "main" {
  password = random_password.db.result
}
data "aws_secretsmanager_secret_version" "api" {
  secret_id = "prod/api-key"
}
