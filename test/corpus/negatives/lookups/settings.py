import os
SECRET_KEY = os.environ["DJANGO_SECRET_KEY"]
AWS_SECRET_ACCESS_KEY = os.getenv("AWS_SECRET_ACCESS_KEY")
DATABASE_PASSWORD = os.environ.get("DATABASE_PASSWORD", "")
slack_token = settings.SLACK_BOT_TOKEN
api_key = config("SENDGRID_API_KEY")
